import { beforeAll, describe, expect, it } from '@jest/globals'
import { compose, lines, prepareEngine } from './helpers.js'

beforeAll(prepareEngine)

const ports = (...items: string[]) => `services:\n  web:\n    image: a:1\n    ports:\n${items.map((i) => `      - ${i}\n`).join('')}`

describe('DC012 port-on-all-interfaces', () => {
  it.each([
    ['"8080:80"', 'low'],
    ['8080:80', 'low'],
    ['"80"', 'low'],
    ['"0.0.0.0:8080:80"', 'low'],
    ['"[::]:8080:80"', 'low'],
    ['"8000-8010:8000-8010"', 'low'],
    ['"5432:5432"', 'high'],
    ['"15432:5432"', 'high'],
    ['"3306:3306"', 'high'],
    ['"6379:6379"', 'high'],
    ['"27017:27017"', 'high'],
    ['"9200:9200"', 'high'],
    ['"11211:11211"', 'high'],
    ['"5984:5984"', 'high'],
    ['"8086:8086"', 'high'],
    ['"2379:2379"', 'high'],
    ['"9000:9000"', 'high'],
    ['"9001:9001"', 'high'],
    ['"2375:2375"', 'critical'],
    ['"0.0.0.0:2376:2376"', 'critical'],
    ['"${HOST_IP:-0.0.0.0}:8080:80"', 'low'],
    ['"${PG_PORT:-5432}:5432"', 'high']
  ])('fires on %s', (item, severity) => {
    expect(compose('DC012', ports(item))).toEqual([`5:9 ${severity}`])
  })

  it('reads the long syntax (no host_ip, or 0.0.0.0)', () => {
    const text = lines`
      services:
        web:
          image: a:1
          ports:
            - target: 80
              published: 8080
            - target: 5432
              host_ip: 0.0.0.0
            - target: 443
              host_ip: 127.0.0.1
    `
    expect(compose('DC012', text)).toEqual(['5:9 low', '7:9 high'])
  })

  it('takes extra sensitive ports from the configuration', () => {
    expect(compose('DC012', ports('"8080:8080"'), {}, { sensitivePorts: [8080] })).toEqual(['5:9 high'])
  })

  it.each([
    ['loopback', '"127.0.0.1:5432:5432"'],
    ['IPv6 loopback', '"[::1]:2375:2375"'],
    ['a specific interface', '"192.168.1.10:80:80"'],
    ['an unknown host IP', '"${HOST_IP}:6379:6379"'],
    ['an unknown value that may hold the IP', '"${REDIS_PORT}:6379"'],
    ['loopback with an empty host port', '"127.0.0.1::5000"']
  ])('does not fire on %s', (_name, item) => {
    expect(compose('DC012', ports(item))).toEqual([])
  })

  it('does not fire on expose, nor with host networking', () => {
    expect(compose('DC012', 'services:\n  web:\n    image: a:1\n    expose: ["5432"]\n')).toEqual([])
    expect(compose('DC012', 'services:\n  web:\n    image: a:1\n    network_mode: host\n    ports: ["5432:5432"]\n')).toEqual([])
  })
})
