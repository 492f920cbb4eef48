import { runtimeSocket, sensitiveHostPath } from '../host-paths.js'
import type { Mount } from '../model.js'
import { ownDefinitions, quote, type ComposeReport, type ComposeRule } from '../rule.js'

export const DC003: ComposeRule = {
  id: 'DC003',
  slug: 'sensitive-host-mount',
  title: 'Sensitive host path mounted',
  severity: 'high',
  principles: ['P1', 'P4'],
  rationale:
    'Kernel interfaces (/proc, /sys, /dev), the engine state (/var/lib/docker) and the host root are not namespaced: mounting them hands the container the host; system trees (/etc, /root, /usr, /var, /home) hold credentials and binaries the host trusts.',
  fix: 'Mount only the files the service needs, from a directory of the repository or a named volume, read-only where possible.',
  equivalents: { kics: ['1c1325ff-831d-43a1-973e-839ae57dfcc0'], cis: ['5.6'] },
  check(project, report) {
    for (const { service } of ownDefinitions(project)) {
      for (const mount of service.volumes) check(mount, `Service "${service.name}"`, report)
    }
    for (const volume of project.volumes) check(volume.mount, `Volume "${volume.name}"`, report)
  }
}

function check(mount: Mount, who: string, report: ComposeReport): void {
  // The runtime sockets (and /run, /var/run) are DC002's: one cause, one finding.
  if (mount.type !== 'bind' || mount.source === undefined || runtimeSocket(mount)) return
  const sensitive = sensitiveHostPath(mount.source, mount.readOnly)
  if (!sensitive) return
  const what = sensitive.home ? 'a directory in the home of whoever runs Compose' : sensitive.tree === '/' ? 'the host root' : `the host's ${sensitive.tree}`
  const mode = mount.readOnly ? 'read-only, ' : ''
  report(
    mount.span,
    `${who} mounts ${quote(mount.text)} (${mode}${what}): host state the container can read${mount.readOnly ? '' : ' or change'} is a way out of it. Mount only the files the service needs, from the repository or a named volume${mount.readOnly ? '' : ', read-only'}.`,
    { severity: sensitive.severity }
  )
}
