import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { AnalysisContext } from '../../src/core/analyzer.js'
import { prepareEngine, scanContext } from '../../src/core/engine.js'
import { allRules } from '../../src/core/registry.js'
import { composeFile, buildProject } from '../../src/compose/project.js'
import { composeRules } from '../../src/compose/rules/index.js'
import { parseDockerfile } from '../../src/dockerfile/model.js'
import { dockerfileRules } from '../../src/dockerfile/rules/index.js'

/**
 * Attack strings through every rule: each field a rule reads gets values of 50,000 characters made to
 * stress regular expressions (runs of one character, of short patterns, and the attack strings recheck
 * gave for the regexes it found super-linear before they were rewritten). The file is parsed and modelled
 * once, untimed; then each rule's check runs three times on the model, and the best CPU time of the
 * last two (of up to five when they are over budget) is the rule's own (the first also fills the model's shared lazy caches: dockerfile-ast's
 * argument lists). It must be under 100 ms for every rule on every file.
 */
const BUDGET_MS = 100
const LENGTH = 50_000

/** A run of `unit` of about LENGTH characters. */
const run = (unit: string): string => unit.repeat(Math.ceil(LENGTH / unit.length)).slice(0, LENGTH)

/** Runs of one character and of short patterns that regexes over these fields are written around. */
const RUNS = [' ', '\t', 'a', '-', '=', ':', '/', '@', '$', '{', '\\', '"', "'", '0', '%', '.', ',', '[', '#', '*']
/*
 * Not `a@`: tree-sitter-bash parses a run of it in quadratic time (50,000 characters in a CMD or RUN take
 * about two minutes to parse, before any rule runs). That is the parser, not a regex; it is reported
 * separately (docs/ARCHITECTURE.md, "Linear-time matching").
 */
const PATTERNS = ['a=', 'a:', '${a', '-a ', '/a', 'a.', '@a:', '%%', ':0', '\\ ', '= ', '$a', '"a', '0.', '--', '&& ', '| ', 'a/b:', ' -c', '::']
/** recheck's attacks on the regexes it found super-linear (they are linear now; see rewritten-regexes.test.ts). */
const RECHECK_ATTACKS = [
  run('/') + '\0/',
  run('0') + '\x000',
  run('//') + '\0/',
  run('\t') + '\0\t',
  '-' + run('c') + '\0',
  'A=' + run('\t').slice(0, LENGTH / 2) + '=' + run('\t').slice(0, LENGTH / 2) + '\r=\t',
  run('0_0').slice(0, LENGTH / 2) + '_' + run('0\0').slice(0, LENGTH / 2) + '_'
]
const PAYLOADS: Array<{ name: string; text: string }> = [
  ...RUNS.map((unit) => ({ name: `run of ${JSON.stringify(unit)}`, text: run(unit) })),
  ...PATTERNS.map((unit) => ({ name: `run of ${JSON.stringify(unit)}`, text: run(unit) })),
  ...RECHECK_ATTACKS.map((text, i) => ({ name: `recheck attack ${i + 1}`, text }))
]

/**
 * Dockerfile fields, `§` where the payload goes. A Dockerfile is analysed up to 128 KB (an instruction
 * up to 64 KB), so each file holds one hostile field (after a FROM when the field is not one).
 */
const DOCKERFILE_FIELDS = [
  'FROM §',
  'FROM § AS build',
  'FROM alpine@sha256:§',
  'RUN §',
  'RUN echo §',
  'RUN curl -k § | sh',
  'RUN wget § -O- | bash',
  'RUN apt-get install -y §',
  'RUN pip install §',
  'RUN npm install §',
  'RUN chmod § /usr/bin/tool',
  'RUN chmod 4755 §',
  'RUN useradd §',
  'RUN echo "§" >> /etc/apt/apt.conf.d/99insecure',
  'RUN echo § > /etc/sudoers.d/app',
  'RUN sh -c "§"',
  'RUN ["/bin/sh", "-c", "§"]',
  'RUN --mount=§ true',
  'RUN --security=§ true',
  'RUN --network=§ true',
  'ENV §',
  'ENV A=§',
  'ENV PASSWORD=§',
  'ARG A=§',
  'ARG §',
  'LABEL a=§',
  'COPY § /dst/',
  'COPY src §',
  'COPY --chmod=§ a b',
  'COPY --from=§ a b',
  'ADD § /dst/',
  'ADD https://§ /dst/',
  'ADD --checksum=§ http://example.com/a /a',
  'USER §',
  'WORKDIR §',
  'VOLUME §',
  'EXPOSE §',
  'HEALTHCHECK CMD §',
  'HEALTHCHECK --interval=§ CMD true',
  'SHELL ["§", "-c"]',
  'SHELL §',
  'CMD §',
  'ENTRYPOINT ["§"]',
  'ONBUILD RUN §',
  'STOPSIGNAL §',
  '# syntax=§',
  '# check=skip=§',
  '# §',
  '# containment-ignore §'
]

/** Compose fields of a service, `§` where the payload goes (as a YAML double-quoted scalar). */
const COMPOSE_FIELDS = [
  'image: §',
  'build: §',
  'container_name: §',
  'user: §',
  'command: §',
  'entrypoint: §',
  'ports: [§]',
  'expose: [§]',
  'volumes: [§]',
  'environment: [§]',
  'env_file: §',
  'cap_add: [§]',
  'cap_drop: [§]',
  'devices: [§]',
  'device_cgroup_rules: [§]',
  'security_opt: [§]',
  'network_mode: §',
  'pid: §',
  'ipc: §',
  'userns_mode: §',
  'cgroup: §',
  'uts: §',
  'privileged: §',
  'read_only: §',
  'tmpfs: [§]',
  'sysctls: [§]',
  'mem_limit: §',
  'pids_limit: §',
  'extra_hosts: [§]',
  'dns: [§]',
  'runtime: §',
  'platform: §',
  'labels: [§]',
  'healthcheck: {test: §}'
]

/** Compose fields in mappings: the keys fixed, the values hostile (and one hostile key). */
const COMPOSE_MAPPING_FIELDS = [
  'environment: {PASSWORD: §}',
  'labels: {a: §}',
  'build: {context: §}',
  'build: {context: ., dockerfile: §}',
  'build: {context: ., args: {A: §}}',
  'volumes: [{type: bind, source: §, target: /data}]',
  'volumes: [{type: bind, source: /srv, target: §}]',
  'volumes: [{type: bind, source: /srv, target: /data, bind: {propagation: §}}]',
  'ports: [{target: 80, published: §}]',
  'ports: [{target: 80, host_ip: §}]',
  'sysctls: {§: 1}',
  'deploy: {resources: {limits: {memory: §}}}',
  'extends: {file: §, service: web}',
  'secrets: [§]'
]

/**
 * Which payloads go through which field. Every pair (47 fields × 47 payloads and 45 × 47) costs minutes,
 * most of them parsing; by default each field gets PER_FIELD payloads, a window that moves along the list
 * from one field to the next, so that every payload goes through several fields of each kind and every
 * field through runs of several characters. ATTACK_STRINGS=all runs every pair.
 */
const ALL = process.env.ATTACK_STRINGS === 'all'
const PER_FIELD = 4

function payloadsFor(fieldIndex: number): typeof PAYLOADS {
  if (ALL) return PAYLOADS
  return Array.from({ length: PER_FIELD }, (_, k) => PAYLOADS[(fieldIndex * PER_FIELD + k) % PAYLOADS.length])
}

const COMPOSE_ALL_FIELDS = [...COMPOSE_FIELDS, ...COMPOSE_MAPPING_FIELDS, '§: {image: nginx}']

/** A YAML double-quoted scalar: JSON's escapes are YAML's, and keep control characters (NUL, CR) valid. */
function yamlQuoted(text: string): string {
  return JSON.stringify(text)
}

/** A Compose file whose service `web` has `field` with the payload (services are keyed `services:` children). */
function composeText(field: string, payload: string): string {
  const value = yamlQuoted(payload)
  if (field.startsWith('§:')) return `services:\n  web:\n    image: nginx:1.25\n  ${field.replace('§', () => value)}\n`
  return `services:\n  web:\n    image: nginx:1.25\n    ${field.replace('§', () => value)}\n`
}

interface Timing {
  rule: string
  input: string
  ms: number
  coldMs: number
}

const timings: Timing[] = []

/** CPU time (user + system) of `work`, in milliseconds. */
function cpu(work: () => void): number {
  const start = process.cpuUsage()
  work()
  const used = process.cpuUsage(start)
  return (used.user + used.system) / 1000
}

function timeRules<M>(input: string, rules: Array<{ id: string; check(model: M, report: () => void, context: AnalysisContext): void }>, model: M, context: AnalysisContext): number {
  let findings = 0
  const report = (): void => {
    findings++
  }
  for (const rule of rules) {
    const coldMs = cpu(() => rule.check(model, report, context))
    // The best of two more runs, or of up to five when those are over budget: CPU time counts the
    // collector's threads, and a machine shared with other jobs slows even CPU time down.
    let ms = Math.min(cpu(() => rule.check(model, report, context)), cpu(() => rule.check(model, report, context)))
    for (let extra = 0; extra < 3 && ms >= BUDGET_MS; extra++) ms = Math.min(ms, cpu(() => rule.check(model, report, context)))
    timings.push({ rule: rule.id, input, ms, coldMs })
  }
  return findings
}

beforeAll(() => prepareEngine())

afterAll(() => {
  const slowest = new Map<string, Timing>()
  for (const t of timings) if (!slowest.has(t.rule) || slowest.get(t.rule)!.ms < t.ms) slowest.set(t.rule, t)
  const rows = [...slowest.values()].sort((a, b) => b.ms - a.ms).map((t) => `${t.rule} ${t.ms.toFixed(1).padStart(6)} ms (first run ${t.coldMs.toFixed(1)} ms)  ${t.input}`)
  console.info(`attack strings: slowest input per rule, CPU time of the rule's check (budget ${BUDGET_MS} ms):\n${rows.join('\n')}`)
})

const over = (input: string): string[] =>
  timings.filter((t) => t.input === input && t.ms >= BUDGET_MS).map((t) => `${t.rule} took ${t.ms.toFixed(0)} ms`)

describe('attack strings of 50,000 characters through every rule', () => {
  it('covers every rule of the registry', () => {
    const covered = new Set([...dockerfileRules, ...composeRules].map((r) => r.id))
    // CT001 is reported by the suppression step (src/core/suppress.ts), not by a check on a model.
    expect(allRules.map((r) => r.id).filter((id) => !covered.has(id))).toEqual(['CT001'])
  })

  describe('Dockerfile', () => {
    DOCKERFILE_FIELDS.forEach((field, index) => {
      it(field, () => {
        const failures: string[] = []
        for (const payload of payloadsFor(index)) {
          const line = field.replace('§', () => payload.text)
          const text = field.startsWith('FROM') ? `${line}\nRUN true\n` : field.startsWith('#') ? `${line}\nFROM alpine:3.19\n` : `FROM alpine:3.19\n${line}\n`
          const model = parseDockerfile('Dockerfile', text)
          // The hostile field is analysed, not refused as too long.
          expect(model.problems.filter((p) => /too long|more than/.test(p.message))).toEqual([])
          const input = `${field} ← ${payload.name}`
          timeRules(input, dockerfileRules, model, scanContext([]))
          failures.push(...over(input).map((f) => `${f} on ${input}`))
        }
        expect(failures).toEqual([])
      })
    })
  })

  describe('Compose', () => {
    COMPOSE_ALL_FIELDS.forEach((field, index) => {
      it(field, () => {
        const failures: string[] = []
        for (const payload of payloadsFor(index + DOCKERFILE_FIELDS.length)) {
          const text = composeText(field, payload.text)
          const context = scanContext([{ path: 'compose.yaml', content: text }])
          const file = composeFile('compose.yaml', context, text)!
          const project = buildProject(file, context)
          // The hostile value is read, not refused.
          expect(file.documents.length).toBeGreaterThan(0)
          const input = `${field} ← ${payload.name}`
          timeRules(input, composeRules, project, context)
          failures.push(...over(input).map((f) => `${f} on ${input}`))
        }
        expect(failures).toEqual([])
      })
    })
  })
})
