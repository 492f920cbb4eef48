import { runtimeSocket } from '../host-paths.js'
import { ownDefinitions, quote, type ComposeRule } from '../rule.js'
import { toBoolean } from '../syntax.js'

export const DC002: ComposeRule = {
  id: 'DC002',
  slug: 'container-runtime-socket',
  title: 'Container runtime socket mounted',
  severity: 'critical',
  principles: ['P1'],
  rationale:
    'Whoever can talk to the Docker (containerd, Podman, CRI-O) socket can start a privileged container with the host root mounted: the socket is root on the host, read-only or not.',
  fix: 'Do not mount the socket; if a tool needs the API, put a filtering proxy (e.g. a socket proxy allowing only the calls it needs) in between.',
  equivalents: { kics: ['d6355c88-1e8d-49e9-b2f2-f8a1ca12c75b'], cis: ['5.32'] },
  check(project, report) {
    const message = (who: string, text: string, socket: string) =>
      `${who} mounts ${quote(text)}, ${socket}: access to the container runtime's API is root on the host, even read-only. Remove the mount, or give the tool a filtering socket proxy instead.`
    for (const { service } of ownDefinitions(project)) {
      for (const mount of service.volumes) {
        const socket = runtimeSocket(mount)
        if (socket) report(mount.span, message(`Service "${service.name}"`, mount.text, socket))
      }
      const api = service.useApiSocket
      if (api && toBoolean(api.value) === true) {
        report(
          api.span,
          `Service "${service.name}" sets ${quote(`use_api_socket: ${api.raw}`)}: Compose mounts the Docker API socket into the container, and access to it is root on the host. Remove it.`
        )
      }
    }
    for (const volume of project.volumes) {
      const socket = runtimeSocket(volume.mount)
      if (socket) report(volume.mount.span, message(`Volume "${volume.name}"`, volume.mount.text, socket))
    }
  }
}
