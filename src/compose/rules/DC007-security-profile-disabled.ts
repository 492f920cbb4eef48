import { rangeOffsets } from '../../core/fix.js'
import { removeListItem } from '../fixes.js'
import { ownDefinitions, quote, type ComposeRule } from '../rule.js'
import { securityOption } from '../syntax.js'

/** `security_opt` entries that turn a confinement off, by option key: value (lower case). */
function disabled(key: string, value: string | undefined): string | undefined {
  const v = value?.toLowerCase()
  if (key === 'seccomp' && v === 'unconfined') return 'seccomp, which filters the system calls that reach the kernel'
  if (key === 'apparmor' && v === 'unconfined') return 'AppArmor confinement'
  if (key === 'label' && v === 'disable') return 'SELinux separation'
  if (key === 'label' && v === 'type:spc_t') return 'SELinux separation (spc_t is the unconfined "super privileged container" type)'
  if (key === 'systempaths' && v === 'unconfined') return 'the masking of /proc and /sys paths'
  return undefined
}

export const DC007: ComposeRule = {
  id: 'DC007',
  slug: 'security-profile-disabled',
  title: 'Security profile disabled',
  severity: 'high',
  principles: ['P6'],
  rationale:
    'seccomp, AppArmor and SELinux stop most kernel exploits and container escapes that namespaces alone let through.',
  fix: 'Remove the option; if the default profile blocks something the service needs, write a custom profile that allows only that.',
  equivalents: { kics: ['404fde2c-bc4b-4371-9747-7054132ac953'], cis: ['5.2', '5.3', '5.22'] },
  autofix: [{ safety: 'safe', what: 'removes the option from `security_opt` (the whole key when it was the only item)' }],
  check(project, report) {
    for (const { service } of ownDefinitions(project)) {
      for (const option of service.securityOpt) {
        const parsed = securityOption(option.value)
        const what = parsed && disabled(parsed.key, parsed.value)
        if (!what) continue
        report(
          option.span,
          `Service "${service.name}" sets security_opt ${quote(option.raw)}: it turns off ${what}. Remove it, or use a custom profile that allows only what the service needs.`,
          {
            fix: () => removeListItem(
              project.file,
              service,
              'security_opt',
              rangeOffsets(project.file.index, option.span.range).start,
              `Remove ${quote(option.raw)} from security_opt`,
              'safe'
            )
          }
        )
      }
    }
  }
}
