import { ownDefinitions, quote, type ComposeRule } from '../rule.js'

/** `root`, `0`, `root:<group>`, `0:<group>`. A value that is not known is not assumed to be root. */
export function isRootUser(value: string | undefined): boolean {
  if (value === undefined) return false
  const name = value.split(':')[0].trim()
  return name === 'root' || name === '0'
}

export const DC009: ComposeRule = {
  id: 'DC009',
  slug: 'root-user',
  title: 'Service runs as root',
  severity: 'high',
  principles: ['P1', 'P2'],
  rationale: 'Root in a container is root on the host kernel: one escape, or one mounted host path, and the host is root-owned by the attacker.',
  fix: 'Set `user:` to a non-root UID:GID (e.g. "1000:1000"), or remove it when the image already runs as a non-root user.',
  equivalents: { cis: ['4.1'] },
  check(project, report) {
    for (const { service } of ownDefinitions(project)) {
      const user = service.user
      if (!user || !isRootUser(user.value)) continue
      report(
        user.span,
        `Service "${service.name}" sets ${quote(`user: ${user.raw}`)}: root in the container is root on the host kernel. Run as a non-root UID:GID instead.`
      )
    }
  }
}
