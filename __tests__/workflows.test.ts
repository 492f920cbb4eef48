import { describe, expect, it } from '@jest/globals'
import { load } from 'js-yaml'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { analyzers } from '../src/core/registry.js'

/**
 * The repository's own workflows, the recipes in examples/workflows/ and the pre-commit hook: valid
 * YAML, every `uses:` of another repository pinned to a full commit SHA with its version in a comment,
 * `.ci/run` the one place the CI workflow runs checks from, and the hook's file pattern equal to the
 * CLI's own name rules.
 */

const root = join(import.meta.dirname ?? '.', '..')
const workflowFiles = ['.github/workflows', 'examples/workflows'].flatMap((dir) =>
  readdirSync(join(root, dir))
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => `${dir}/${f}`)
)

type Step = { uses?: string; run?: string; with?: Record<string, unknown> }
type Workflow = { name?: string; on?: unknown; permissions?: Record<string, string>; jobs: Record<string, { steps: Step[]; permissions?: Record<string, string> }> }

const parsed = (file: string) => load(readFileSync(join(root, file), 'utf8')) as Workflow
/** `uses:` lines as written, with their comments (the parsed value drops them). */
const usesLines = (file: string) => readFileSync(join(root, file), 'utf8').split('\n').filter((l) => /^\s*(-\s+)?uses:/.test(l))

describe('workflows', () => {
  it('finds the workflows', () => {
    expect(workflowFiles).toEqual(
      expect.arrayContaining(['.github/workflows/ci.yml', '.github/workflows/check-dist.yml', '.github/workflows/self-test.yml', '.github/workflows/release.yml'])
    )
    expect(workflowFiles).toEqual(expect.arrayContaining(['examples/workflows/containment-report.yml', 'examples/workflows/containment-publish.yml']))
  })

  it.each(workflowFiles)('%s parses, names its triggers, limits its token and has steps', (file) => {
    const workflow = parsed(file)
    expect(typeof workflow.name).toBe('string')
    expect(workflow.on).toBeDefined()
    expect(workflow.permissions).toBeDefined()
    for (const job of Object.values(workflow.jobs)) expect(job.steps.length).toBeGreaterThan(0)
  })

  it.each(workflowFiles)('%s pins every action of another repository to a full SHA, with its version', (file) => {
    for (const line of usesLines(file)) {
      const target = line.replace(/^\s*(-\s+)?uses:\s*/, '').split(/\s+#/)[0].trim()
      if (target.startsWith('./')) continue
      // Our own Action in the recipes users copy: the moving major tag is the documented policy.
      if (target === 'containment-action/containment@v1') continue
      expect(target).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/)
      expect(line).toMatch(/# v\d+\.\d+\.\d+$/)
    }
  })

  it('CI and the dist check run .ci/run and nothing else', () => {
    const runs = (file: string) => Object.values(parsed(file).jobs).flatMap((j) => j.steps.filter((s) => s.run).map((s) => s.run!.trim()))
    expect(runs('.github/workflows/ci.yml')).toEqual(['bash .ci/run'])
    expect(runs('.github/workflows/check-dist.yml')).toEqual(['bash .ci/run dist'])
    expect(readFileSync(join(root, '.ci/run'), 'utf8')).toContain('if [ "${1:-}" = dist ]')
  })

  it('the self-test runs the Action of this checkout', () => {
    const uses = Object.values(parsed('.github/workflows/self-test.yml').jobs).flatMap((j) => j.steps.map((s) => s.uses))
    expect(uses.filter((u) => u === './')).toHaveLength(2)
  })

  it('the workflow_run recipe never checks out in the privileged half and uses the Action modes', () => {
    const publish = parsed('examples/workflows/containment-publish.yml')
    expect(Object.keys(publish.on as object)).toEqual(['workflow_run'])
    const steps = Object.values(publish.jobs).flatMap((j) => j.steps)
    expect(steps.some((s) => s.uses?.startsWith('actions/checkout'))).toBe(false)
    expect(steps.find((s) => s.uses?.startsWith('containment-action/'))?.with).toMatchObject({ mode: 'publish' })
    const report = parsed('examples/workflows/containment-report.yml')
    expect(Object.keys(report.on as object)).toEqual(['pull_request'])
    expect(report.permissions).toEqual({ contents: 'read' })
    expect(Object.values(report.jobs).flatMap((j) => j.steps).find((s) => s.uses?.startsWith('containment-action/'))?.with).toMatchObject({ mode: 'report' })
    // The publish half listens to the report half by its name.
    expect((publish.on as { workflow_run: { workflows: string[] } }).workflow_run.workflows).toEqual([report.name])
  })

  it('the release publishes with provenance only after .ci/run passed on the tag', () => {
    const release = parsed('.github/workflows/release.yml')
    expect(release.jobs.verify.steps.some((s) => s.run === 'bash .ci/run')).toBe(true)
    expect((release.jobs.npm as unknown as { needs: string }).needs).toBe('verify')
    expect(release.jobs.npm.permissions).toMatchObject({ 'id-token': 'write' })
    expect(release.jobs.npm.steps.some((s) => s.run?.includes('npm publish --provenance'))).toBe(true)
  })

  it('.node-version is the oldest Node the CLI supports', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
    expect(`>=${readFileSync(join(root, '.node-version'), 'utf8').trim()}`).toBe(pkg.engines.node)
  })
})

describe('action.yml Marketplace metadata', () => {
  const action = load(readFileSync(join(root, 'action.yml'), 'utf8')) as {
    name: string
    description: string
    author: string
    branding: { icon: string; color: string }
    inputs: Record<string, unknown>
    outputs: Record<string, unknown>
  }

  it('has a name, an author, a description the Marketplace shows whole, and valid branding', () => {
    expect(action.name).toBe('Containment')
    expect(action.author).toBeTruthy()
    // The Marketplace truncates descriptions over 125 characters.
    expect(action.description.length).toBeLessThanOrEqual(125)
    expect(['white', 'black', 'yellow', 'blue', 'green', 'orange', 'red', 'purple', 'gray-dark']).toContain(action.branding.color)
    expect(action.branding.icon).toBe('shield')
  })

  it('declares the inputs and outputs of the workflow_run recipe', () => {
    expect(Object.keys(action.inputs)).toEqual(expect.arrayContaining(['mode', 'report-file']))
    expect(Object.keys(action.outputs)).toContain('report-file')
  })
})

describe('.pre-commit-hooks.yaml', () => {
  const [hook] = load(readFileSync(join(root, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string; entry: string; language: string; files: string }[]
  const pattern = new RegExp(hook.files.replace(/^\(\?i\)/, ''), 'i')
  const byName = (path: string) => analyzers.some((a) => a.matchesName(path))

  it('runs the CLI as a node hook', () => {
    expect(hook).toMatchObject({ id: 'containment', entry: 'containment scan', language: 'node' })
  })

  it.each([
    'Dockerfile', 'dockerfile', 'Containerfile', 'api/Dockerfile.dev', 'web.dockerfile', 'x/y.Containerfile',
    'compose.yaml', 'compose.yml', 'docker-compose.yml', 'deploy/docker-compose.override.yml', 'compose.prod.yaml',
    'docker-compose-dev.yml', 'filebeat-compose.yml', 'a.compose.yaml', 'COMPOSE.YAML',
    'README.md', 'compose.json', 'src/app.ts', 'Dockerfile/readme.md', 'mycompose.yml', 'composer.yml', 'docker-composer.yaml',
    'dockerfiles/app.txt', 'notes/Dockerfile.md', '.dockerignore'
  ])('%s: the hook takes it exactly when the CLI would', (path) => {
    expect(pattern.test(path)).toBe(byName(path))
  })
})
