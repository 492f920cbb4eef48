import { beforeAll, describe, expect, it } from '@jest/globals'
import { compose, lines, prepareEngine } from './helpers.js'

beforeAll(prepareEngine)

const volumes = (...items: string[]) => `services:\n  web:\n    image: a:1\n    volumes:\n${items.map((i) => `      - ${i}\n`).join('')}`

describe('DC002 container-runtime-socket', () => {
  it.each([
    ['the Docker socket', '/var/run/docker.sock:/var/run/docker.sock'],
    ['the socket read-only', '/var/run/docker.sock:/var/run/docker.sock:ro'],
    ['/run/docker.sock', '"/run/docker.sock:/var/run/docker.sock"'],
    ['a Windows-style double slash', '//var/run/docker.sock:/var/run/docker.sock'],
    ['containerd', '/run/containerd/containerd.sock:/run/containerd/containerd.sock'],
    ['podman', '/run/user/1000/podman/podman.sock:/var/run/docker.sock'],
    ['crio', '/var/run/crio/crio.sock:/crio.sock'],
    ['the /var/run directory', '/var/run:/host/run'],
    ['the /run directory', '/run/:/host/run'],
    ['a socket under an unknown directory', '${XDG_RUNTIME_DIR}/docker.sock:/var/run/docker.sock'],
    ['a default from interpolation', '${DOCKER_SOCK:-/var/run/docker.sock}:/var/run/docker.sock'],
    ['a socket file named so, even relative', './run/docker.sock:/var/run/docker.sock']
  ])('fires on %s', (_name, item) => {
    expect(compose('DC002', volumes(item))).toEqual(['5:9 critical'])
  })

  it('fires on the long syntax, at the source, and on the Windows pipe', () => {
    const text = lines`
      services:
        web:
          image: a:1
          volumes:
            - type: bind
              source: /var/run/docker.sock
              target: /var/run/docker.sock
              read_only: true
            - type: npipe
              source: \\\\.\\pipe\\docker_engine
              target: \\\\.\\pipe\\docker_engine
    `
    expect(compose('DC002', text)).toEqual(['6:9 critical', '10:9 critical'])
  })

  it('fires on use_api_socket and on a named volume bound to the socket', () => {
    const text = lines`
      services:
        web:
          image: a:1
          use_api_socket: true
      volumes:
        sock:
          driver_opts:
            type: none
            o: bind
            device: /var/run/docker.sock
    `
    expect(compose('DC002', text)).toEqual(['4:5 critical', '10:7 critical'])
  })

  it.each([
    ['a named volume', 'docker.sock:/var/run/docker.sock'],
    ['/var/run/app', '/var/run/app:/run/app'],
    ['an unknown source', '${SOCK}:/var/run/docker.sock'],
    ['a socket-like target only', './data:/var/run/docker.sock'],
    ['an anonymous volume', '/var/run/docker.sock']
  ])('does not fire on %s', (_name, item) => {
    expect(compose('DC002', volumes(item))).toEqual([])
  })

  it('is the only finding for the socket (not DC003 too)', () => {
    expect(compose('DC003', volumes('/var/run/docker.sock:/var/run/docker.sock', '/var/run:/r'))).toEqual([])
  })
})
