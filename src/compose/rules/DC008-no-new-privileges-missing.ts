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
        `Service "${view.name}" ${what}: a setuid binary in the image can make a process root again. Add security_opt "no-new-privileges:true".`
      )
    }
  }
}
