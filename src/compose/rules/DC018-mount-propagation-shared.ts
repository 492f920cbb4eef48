import { ownDefinitions, quote, type ComposeRule } from '../rule.js'

const SHARED = new Set(['shared', 'rshared', 'slave', 'rslave'])

export const DC018: ComposeRule = {
  id: 'DC018',
  slug: 'mount-propagation-shared',
  title: 'Shared mount propagation',
  severity: 'high',
  principles: ['P4'],
  rationale:
    'With shared or slave propagation, mounts made on the host appear in the container (and with shared, mounts made in the container appear on the host).',
  fix: 'Remove the propagation option (the default is rprivate).',
  equivalents: { kics: ['baa452f0-1f21-4a25-ace5-844e7a5f410d'], cis: ['5.20'] },
  check(project, report) {
    for (const { service } of ownDefinitions(project)) {
      for (const mount of service.volumes) {
        const propagation = mount.propagation
        if (!propagation?.value || !SHARED.has(propagation.value)) continue
        report(
          propagation.span,
          `Service "${service.name}" mounts ${quote(mount.text)} with "${propagation.value}" propagation: mounts cross between host and container. Remove the option (rprivate is the default).`
        )
      }
    }
  }
}
