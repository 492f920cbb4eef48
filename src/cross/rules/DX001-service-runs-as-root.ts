import type { AnalysisContext } from '../../core/analyzer.js'
import { dirName, resolveReference } from '../../core/workspace.js'
import type { Build } from '../../compose/model.js'
import type { ComposeRule } from '../../compose/rule.js'
import { dockerfileModel } from '../../dockerfile/analyzer.js'
import { targetStage } from '../../dockerfile/model.js'
import { stageUser } from '../../dockerfile/privileges.js'

/** The Dockerfile a service builds: a file of the repository, or its `dockerfile_inline`. */
interface BuiltDockerfile {
  path: string
  text: string
  /** How to name it in a message. */
  label: string
}

export const DX001: ComposeRule = {
  id: 'DX001',
  slug: 'service-runs-as-root',
  title: 'Service built from a Dockerfile that runs as root',
  severity: 'high',
  principles: ['P1', 'P2'],
  rationale:
    'A service that builds a Dockerfile whose final stage has no non-root USER, and sets no `user:`, runs as root: root in the container is root on the host kernel.',
  fix: 'Add a non-root USER to the Dockerfile stage the service builds, or set `user: "<uid>:<gid>"` on the service.',
  equivalents: { cis: ['4.1'] },
  check(project, report, context) {
    if (project.fragment) return
    for (const view of project.views) {
      const build = view.effective.build
      // The file that writes the (highest) `build:` reports; any `user:` decides (root is DC009's, unknown is not assumed).
      if (!build || build.span.file !== project.file.path || view.effective.user) continue
      if (isWasm(view.effective.platform?.value, view.effective.runtime?.value)) continue
      const dockerfile = builtDockerfile(build, view.name, context)
      if (!dockerfile) continue
      const model = dockerfileModel({ path: dockerfile.path, text: dockerfile.text }, context)
      const target = build.target
      if (target && target.value === undefined) continue
      const stage = targetStage(model, target?.value)
      if (!stage) continue
      const verdict = stageUser(model, stage, context)
      if (!verdict.runsAsRoot) continue
      const stageName = target?.value ? ` (stage "${target.value}")` : ''
      const where = `${dockerfile.label}${stageName}, line ${verdict.range.line}`
      if (verdict.privilegeDrop) {
        const drop = verdict.privilegeDrop
        report(
          build.span,
          `Service "${view.name}" builds ${where}, which starts as root and drops privileges in its entrypoint (${drop.command} in ${drop.file}:${drop.line}); the service sets no user. Prefer a non-root USER in the Dockerfile or user: on the service, so nothing runs as root at all.`,
          { severity: 'low' }
        )
        continue
      }
      report(
        build.span,
        `Service "${view.name}" builds ${where}, which runs as root, and sets no user: root in the container is root on the host kernel. Add a non-root USER to that stage, or set user: "<uid>:<gid>" on the service.`
      )
    }
  }
}

function builtDockerfile(build: Build, service: string, context: AnalysisContext): BuiltDockerfile | undefined {
  if (build.inline) {
    if (build.inline.value === undefined) return undefined
    const path = `${build.file}#services.${service}.build.dockerfile_inline`
    return { path, text: build.inline.value, label: 'its dockerfile_inline' }
  }
  const contextDir = build.context ? build.context.value : '.'
  const file = build.dockerfile ? build.dockerfile.value : 'Dockerfile'
  if (contextDir === undefined || file === undefined || isRemote(contextDir)) return undefined
  // Confined to the repository (an outside path is DC021 at low, on the line that names it).
  const base = resolveReference(dirName(build.file), contextDir)
  const dockerfile = base.ok ? resolveReference(base.path, file) : base
  if (!dockerfile.ok) return undefined
  const path = dockerfile.path
  const text = context.workspace.read(path)
  return text === undefined ? undefined : { path, text, label: `Dockerfile "${path}"` }
}

/** A WebAssembly module (platform wasi/wasm, a wasm runtime) has no Linux user to run as. */
function isWasm(platform: string | undefined, runtime: string | undefined): boolean {
  return (platform?.toLowerCase().startsWith('wasi/') ?? false) || (runtime?.toLowerCase().includes('wasm') ?? false)
}

/** A Git URL or other remote build context: nothing in the repository to read. */
function isRemote(context: string): boolean {
  return context.includes('://') || context.startsWith('git@') || context.endsWith('.git') || context.includes('.git#')
}

