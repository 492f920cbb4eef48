import { beforeAll, describe, expect, it } from '@jest/globals'
import { compose, lines, prepareEngine } from './helpers.js'
import { findingsOf } from '../helpers.js'

beforeAll(prepareEngine)

const volumes = (...items: string[]) => `services:\n  web:\n    image: a:1\n    volumes:\n${items.map((i) => `      - ${i}\n`).join('')}`

describe('DC003 sensitive-host-mount', () => {
  it.each([
    ['the host root', '/:/host', 'critical'],
    ['/proc', '/proc:/host/proc', 'critical'],
    ['/sys/fs/cgroup', '/sys/fs/cgroup:/sys/fs/cgroup', 'critical'],
    ['/dev', '/dev:/dev', 'critical'],
    ['/boot', '/boot:/boot', 'critical'],
    ['/lib/modules', '/lib/modules:/lib/modules', 'critical'],
    ['/var/lib/docker', '/var/lib/docker:/var/lib/docker', 'critical'],
    ['/etc', '/etc:/host/etc', 'high'],
    ['a file in /etc', '/etc/passwd:/etc/passwd', 'high'],
    ['/etc/localtime writable', '/etc/localtime:/etc/localtime', 'high'],
    ['/root', '/root:/root', 'high'],
    ['/usr', '/usr:/usr', 'high'],
    ['/bin', '/bin:/bin', 'high'],
    ['/sbin', '/sbin:/sbin', 'high'],
    ['/lib', '/lib:/lib', 'high'],
    ['/var', '/var:/var', 'high'],
    ['/var/log', '/var/log:/var/log', 'high'],
    ['/home', '/home:/home', 'high'],
    ['a whole home', '/home/alice:/home/alice', 'high'],
    ['a credentials directory of a home', '/home/alice/.ssh:/root/.ssh', 'high'],
    ['~ itself', '~:/home/me', 'high'],
    ['~/.aws', '~/.aws:/root/.aws', 'high'],
    ['a data directory under /var', '/var/lib/app:/data', 'high'],
    ['a data directory in a home', '~/minecraft_data:/data', 'high'],
    ['/proc read-only (lowered)', '/proc:/host/proc:ro', 'high'],
    ['/etc read-only (lowered)', '/etc:/host/etc:ro', 'medium'],
    ['a path that climbs back', '/srv/../etc:/x', 'high'],
    ['a default from interpolation', '${ROOT:-/}:/host', 'critical']
  ])('fires on %s', (_name, item, severity) => {
    expect(compose('DC003', volumes(item))).toEqual([`5:9 ${severity}`])
  })

  it('fires on the long syntax with read_only, at the source', () => {
    const text = lines`
      services:
        web:
          image: a:1
          volumes:
            - type: bind
              source: /
              target: /host
              read_only: true
    `
    expect(compose('DC003', text)).toEqual(['6:9 high'])
  })

  it('says a ~ path is in the home of whoever runs Compose, not a fixed /home', () => {
    const text = volumes('~/minecraft_data:/data')
    const [finding] = findingsOf('DC003', { 'compose.yaml': text })
    expect([finding.line, finding.column, finding.severity]).toEqual([5, 9, 'high'])
    expect(finding.message).toContain('(a directory in the home of whoever runs Compose)')
    expect(findingsOf('DC003', { 'compose.yaml': volumes('/home/alice:/home/alice') })[0].message).toContain("(the host's /home)")
  })

  it('fires on a named volume that binds a host directory', () => {
    const text = lines`
      services:
        web:
          image: a:1
          volumes: [etc:/etc-host]
      volumes:
        etc:
          driver: local
          driver_opts:
            type: none
            o: bind
            device: /etc
    `
    expect(compose('DC003', text)).toEqual(['11:7 high'])
  })

  it.each([
    ['/etc/localtime:ro', '/etc/localtime:/etc/localtime:ro'],
    ['/etc/timezone:ro', '/etc/timezone:/etc/timezone:ro'],
    ['/usr/share/zoneinfo:ro', '/usr/share/zoneinfo:/usr/share/zoneinfo:ro'],
    ['/etc/ssl/certs:ro', '/etc/ssl/certs:/etc/ssl/certs:ro'],
    ['/etcd-data', '/etcd-data:/data'],
    ['/devices', '/devices:/devices'],
    ['a relative path', './data:/data'],
    ['a parent relative path', '../config:/config'],
    ['an anonymous volume', '/data'],
    ['an anonymous volume at a system path', '/var/lib/backup/data'],
    ['a named volume', 'db:/var/lib/postgresql/data'],
    ['/srv', '/srv/data:/data'],
    ['an unknown source', '${DATA_DIR}:/data'],
    ['the runtime socket (DC002)', '/var/run/docker.sock:/var/run/docker.sock']
  ])('does not fire on %s', (_name, item) => {
    expect(compose('DC003', volumes(item))).toEqual([])
  })

  it('does not fire on a long-syntax named volume or tmpfs', () => {
    const text = lines`
      services:
        web:
          image: a:1
          volumes:
            - type: volume
              source: etc
              target: /etc
            - type: tmpfs
              target: /proc-cache
    `
    expect(compose('DC003', text)).toEqual([])
  })
})
