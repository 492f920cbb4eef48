import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { cpSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { connect, type AddressInfo, type Socket } from 'node:net'
import { join } from 'node:path'
import { temporaryDirectory } from '../../scripts/runner-stand-in.mjs'
import { DIST, SUDO_DOCKERFILE, commentsOf, run, startGitHub, workspaceWith } from './e2e-helpers.js'

/**
 * The Action behind a proxy: the bundle leaves `undici` to a stand-in that loads the real one
 * (dist/undici.cjs) only when the runner sets a proxy (scripts/build.mjs). These runs prove both halves:
 * with HTTP_PROXY every API request goes through the proxy, and without a proxy the run never needs
 * dist/undici.cjs.
 */

const SHA = (c: string) => c.repeat(40)
const NODES: [string, string][] = [[`Node ${process.versions.node}`, process.execPath]]
if (process.env.NODE24_BIN) NODES.push(['Node 24 (NODE24_BIN)', process.env.NODE24_BIN])

/** A CONNECT proxy that sends every tunnel to one local port and records what it was asked for. */
async function startProxy(targetPort: number): Promise<{ url: string; tunnels: string[]; close: () => Promise<void> }> {
  const tunnels: string[] = []
  const sockets = new Set<Socket>()
  const server: Server = createServer((_req, res) => {
    res.writeHead(405).end()
  })
  server.on('connect', (req, client: Socket) => {
    tunnels.push(req.url ?? '')
    const upstream = connect(targetPort, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      upstream.pipe(client)
      client.pipe(upstream)
    })
    for (const socket of [client, upstream]) {
      sockets.add(socket)
      socket.on('error', () => socket.destroy())
      socket.on('close', () => sockets.delete(socket))
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    tunnels,
    close: async () => {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
}

const pr = { number: 5, baseSha: SHA('b'), headSha: SHA('c') }
const files = { 5: { files: [{ filename: 'Dockerfile', status: 'added' }] } }

describe.each(NODES)('the Action and a proxy (%s)', (_label, node) => {
  const results: Record<string, { code: number | null; stderr: string; comments: string[]; calls: number; tunnels?: string[] }> = {}
  const bundleWithoutUndici = temporaryDirectory('containment-dist-')

  beforeAll(async () => {
    const throughProxy = async () => {
      const github = await startGitHub({ pulls: files })
      const apiPort = new URL(github.url).port
      const proxy = await startProxy(Number(apiPort))
      // A name the proxy resolves: a loopback address would bypass any proxy (@actions/http-client).
      const apiUrl = `http://api.github.test:${apiPort}`
      const result = await run({
        node,
        github,
        pr,
        workspace: workspaceWith({ Dockerfile: SUDO_DOCKERFILE }),
        env: { GITHUB_API_URL: apiUrl, GITHUB_GRAPHQL_URL: `${apiUrl}/graphql`, HTTP_PROXY: proxy.url, NO_PROXY: '' }
      })
      await proxy.close()
      await github.close()
      return { code: result.code, stderr: result.stderr, comments: commentsOf(github, 5), calls: github.calls.length, tunnels: proxy.tunnels }
    }
    const withoutProxy = async () => {
      cpSync(join(DIST, '..'), bundleWithoutUndici, { recursive: true })
      rmSync(join(bundleWithoutUndici, 'undici.cjs'))
      const github = await startGitHub({ pulls: files })
      const result = await run({ node, github, pr, workspace: workspaceWith({ Dockerfile: SUDO_DOCKERFILE }), entry: join(bundleWithoutUndici, 'index.js') })
      await github.close()
      return { code: result.code, stderr: result.stderr, comments: commentsOf(github, 5), calls: github.calls.length }
    }
    const [proxied, direct] = await Promise.all([throughProxy(), withoutProxy()])
    results.proxied = proxied
    results.direct = direct
  }, 60_000)

  afterAll(() => rmSync(bundleWithoutUndici, { recursive: true, force: true }))

  it('sends every API request through the proxy when HTTP_PROXY is set', () => {
    const { code, stderr, comments, calls, tunnels } = results.proxied
    expect({ code, stderr }).toEqual({ code: 1, stderr: '' })
    expect(comments).toHaveLength(1)
    expect(comments[0]).toContain('DF002')
    expect(calls).toBeGreaterThan(0)
    expect(tunnels!.length).toBeGreaterThan(0)
    expect(new Set(tunnels)).toEqual(new Set([`api.github.test:${tunnels![0]!.split(':')[1]}`]))
  })

  it('runs without dist/undici.cjs when no proxy is set, with the same verdict and comment', () => {
    const { code, stderr, comments } = results.direct
    expect({ code, stderr }).toEqual({ code: 1, stderr: '' })
    expect(comments).toEqual(results.proxied.comments)
  })
})
