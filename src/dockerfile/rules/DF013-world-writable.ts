import type { Range } from '../../core/finding.js'
import { describeTargets, modeChanges, modeGrant, removals, removedLater } from '../file-modes.js'
import { wordRange, type DockerfileRule } from '../rule.js'

const WHY = 'any process in the container, whatever its user, can change or replace what is there'
const FIX = 'Grant write to the owner or a group instead (755/644, 775 with a shared group, chown to the service user); a shared scratch directory needs the sticky bit (1777).'

export const DF013: DockerfileRule = {
  id: 'DF013',
  slug: 'world-writable',
  title: 'World-writable permissions',
  severity: 'medium',
  principles: ['P2'],
  rationale: `Write for "others" lets every user in the container change the files: ${WHY}, including code and configuration that root or the service later runs.`,
  fix: FIX,
  equivalents: {},
  check(model, report) {
    const fire = (range: Range, written: string, targets: string) =>
      report(range, `"${written}" makes ${targets} writable by every user: ${WHY}. ${FIX}`, { snippet: written })
    for (const instruction of model.instructions) {
      if (instruction.keyword === 'COPY' || instruction.keyword === 'ADD') {
        const flag = instruction.flags.find((f) => f.name === 'chmod')
        const grant = flag?.value ? modeGrant(flag.value) : undefined
        if (flag && grant?.othersWrite && !grant.sticky) fire(flag.valueRange ?? flag.range, `--chmod=${flag.value}`, 'the copied files')
      }
      if (instruction.keyword !== 'RUN' && instruction.keyword !== 'ONBUILD') continue
      const removed = removals(instruction.script?.commands ?? [])
      for (const command of instruction.script?.commands ?? []) {
        for (const change of modeChanges(command)) {
          if (!change.grant.othersWrite || change.grant.sticky || removedLater(change, removed)) continue
          const recursive = change.recursive ? ' (recursively)' : ''
          fire(wordRange(model, change.mode), `${change.via} ${change.mode.value}`, `${describeTargets(change.targets.map((t) => t.value))}${recursive}`)
        }
      }
    }
  }
}
