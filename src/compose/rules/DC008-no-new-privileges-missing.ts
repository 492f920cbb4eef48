import { rangeOffsets } from '../../core/fix.js'
import { addListItem, replaceRange } from '../fixes.js'
import type { ComposeFile, Service, Text } from '../model.js'
import { missingAnchor, type ComposeRule } from '../rule.js'
import { securityOption, toBoolean } from '../syntax.js'

export const DC008: ComposeRule = {
  id: 'DC008',
  slug: 'no-new-privileges-missing',
  title: 'no-new-privileges not set',
  severity: 'low',
  principles: ['P2'],
  rationale: 'Without no-new-privileges, a setuid binary or file capability in the image can raise a process back to root.',
  fix: 'Add `security_opt: ["no-new-privileges:true"]` to the service.',
  equivalents: { kics: ['27fcc7d6-c49b-46e0-98f1-6c082a6a2750'], cis: ['5.26'] },
  autofix: [{ safety: 'safe', what: 'adds `no-new-privileges:true` to `security_opt`, or turns an explicit `false` into `true`' }],
  check(project, report) {
    for (const view of project.views) {
      let explicitOff: (typeof view.effective.securityOpt)[number] | undefined
      let set = false
      for (const option of view.effective.securityOpt) {
        if (option.value === undefined) set = true // unknown: not assumed missing
        const parsed = securityOption(option.value)
        if (parsed?.key !== 'no-new-privileges') continue
        const on = parsed.value === undefined ? true : toBoolean(parsed.value)
        if (on === false) explicitOff = option
        else set = true
      }
      if (set) continue
      const at = missingAnchor(view, project, explicitOff?.span ?? view.home?.sections.securityOpt)
      if (!at) continue
      const what = explicitOff ? `sets security_opt "${explicitOff.raw}"` : 'does not set no-new-privileges'
      report(
        at,
        `Service "${view.name}" ${what}: a setuid binary in the image can make a process root again. Add security_opt "no-new-privileges:true".`,
        { fix: () => view.home && fixOf(project.file, view.home, explicitOff) }
      )
    }
  }
}

/** Turns an explicit `no-new-privileges:false` on, or adds the option to the service's own security_opt. */
function fixOf(file: ComposeFile, service: Service, explicitOff: Text | undefined) {
  if (explicitOff) {
    if (explicitOff.span.file !== file.path || explicitOff.value !== explicitOff.raw) return undefined
    const { start, end } = rangeOffsets(file.index, explicitOff.span.range)
    const written = file.index.text.slice(start, end)
    const separator = /[:=]/.exec(written.slice(written.indexOf('no-new-privileges') + 'no-new-privileges'.length))
    const from = written.indexOf(explicitOff.raw)
    if (from < 0 || !separator) return undefined
    return replaceRange(start + from, start + from + explicitOff.raw.length, `no-new-privileges${separator[0]}true`, 'Set `no-new-privileges:true`', 'safe')
  }
  return addListItem(file, service, 'security_opt', 'no-new-privileges:true', 'Add `no-new-privileges:true` to security_opt', 'safe')
}
