import type { Severity } from '../../core/finding.js'
import type { Flag, Instruction } from '../model.js'
import type { DockerfileRule } from '../rule.js'

/** RUN flags that take a build step out of its sandbox, and how bad each is. */
const INSECURE: Record<string, Record<string, { severity: Severity; why: string }>> = {
  security: {
    insecure: {
      severity: 'high',
      why: 'runs the step as a privileged container (all capabilities, no seccomp or AppArmor, host devices), so it can take over the build host'
    }
  },
  network: {
    host: {
      severity: 'medium',
      why: "puts the step in the build host's network namespace, where it reaches the host's local services and interfaces"
    }
  }
}

export const DF016: DockerfileRule = {
  id: 'DF016',
  slug: 'insecure-build-sandbox',
  title: 'RUN step outside the build sandbox',
  severity: 'high',
  principles: ['P1', 'P7'],
  rationale:
    'RUN --security=insecure makes the build step a privileged container and RUN --network=host shares the build host\'s network: code run by the build (and every package it installs) gets a way to the host.',
  fix: 'Remove the flag; give the step what it needs another way (a BuildKit secret or cache mount, a proxy, a service reachable by name).',
  equivalents: {},
  check(model, report) {
    for (const instruction of model.instructions) {
      for (const flag of runFlags(instruction)) {
        const verdict = INSECURE[flag.name]?.[(flag.value ?? '').trim()]
        if (!verdict) continue
        const written = `--${flag.name}=${flag.value}`
        report(
          flag.range,
          `RUN ${written} ${verdict.why}. Remove "${written}" and give the step what it needs without leaving the sandbox.`,
          { severity: verdict.severity }
        )
      }
    }
  }
}

/** The flags of a RUN, and of the RUN an ONBUILD triggers (the model keeps those as plain arguments). */
function runFlags(instruction: Instruction): Array<Pick<Flag, 'name' | 'value' | 'range'>> {
  if (instruction.keyword === 'RUN') return instruction.flags
  if (instruction.keyword !== 'ONBUILD' || instruction.args[0]?.value.toUpperCase() !== 'RUN') return []
  const out: Array<Pick<Flag, 'name' | 'value' | 'range'>> = []
  for (const arg of instruction.args.slice(1)) {
    const match = /^--([a-z-]{1,32})=(.*)$/i.exec(arg.value)
    if (!match) break
    out.push({ name: match[1].toLowerCase(), value: match[2], range: arg.range })
  }
  return out
}
