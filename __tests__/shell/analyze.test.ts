import { beforeAll, describe, expect, it } from '@jest/globals'
import { analyzeShell, invocations, unwrap } from '../../src/shell/analyze.js'
import { initShellParser } from '../../src/shell/tree-sitter.js'

beforeAll(() => initShellParser())

function names(text: string): string[] {
  return analyzeShell(text).commands.map((c) => `${c.name.value}@${c.name.start}`)
}

describe('analyzeShell', () => {
  it('lists commands of pipelines, chains, subshells and substitutions in source order', () => {
    expect(names('a | b && (c; d) || e $(f) `g`')).toEqual(['a@0', 'b@4', 'c@10', 'd@13', 'e@19', 'f@23', 'g@27'])
  })

  it('links pipeline stages and the || fallback', () => {
    const { commands } = analyzeShell('curl x | sh || true')
    expect(commands[0].pipeline?.commands.map((c) => c.program)).toEqual(['curl', 'sh'])
    expect(commands[0].pipeline?.orFallback).toBe(true)
    expect(commands[2].pipeline).toBeUndefined()
  })

  it('parses sh -c strings again and maps positions back through quotes', () => {
    const text = `sh -c "apt-get update && sudo ls"`
    const sudo = analyzeShell(text).commands.find((c) => c.program === 'sudo')
    expect(sudo?.name.start).toBe(text.indexOf('sudo'))
    expect(sudo?.depth).toBe(1)
  })

  it('parses the here-document and here-string bodies fed to a shell', () => {
    const text = 'bash <<EOF\nsudo id\nEOF\nbash <<< "chmod 777 /x"'
    const programs = analyzeShell(text).commands.map((c) => `${c.program}@${c.name.start}`)
    expect(programs).toEqual(['bash@0', 'sudo@11', 'bash@23', 'chmod@33'])
  })

  it('records the command whose substitution runs a command', () => {
    const { commands } = analyzeShell('bash <(curl x) && sh -c "$(curl y)"')
    const curls = commands.filter((c) => c.program === 'curl')
    expect(curls.map((c) => [c.enclosing?.program, c.substitution])).toEqual([
      ['bash', 'process'],
      ['sh', 'command']
    ])
  })

  it('unwraps env, sudo, exec, nohup and time', () => {
    const [command] = analyzeShell('env X=1 sudo -u root -E nohup time bash -c "id"').commands
    expect(invocations(command).map((i) => i.program)).toEqual(['env', 'sudo', 'nohup', 'time', 'bash'])
    expect(unwrap(command).args.map((a) => a.value)).toEqual(['-c', 'id'])
  })

  it('does not take quoted text for commands', () => {
    expect(analyzeShell(`echo "sudo rm -rf /" 'curl x | sh'`).commands.map((c) => c.program)).toEqual(['echo'])
  })

  it('reports syntax errors with an offset and still returns what it recovered', () => {
    const script = analyzeShell('apt-get update && echo "oops')
    expect(script.errors.length).toBeGreaterThan(0)
    expect(script.commands[0].program).toBe('apt-get')
  })

  it('survives hostile nesting quickly', () => {
    const started = Date.now()
    analyzeShell('echo ' + '$('.repeat(20000) + 'x' + ')'.repeat(20000))
    analyzeShell('true && '.repeat(20000) + 'true')
    expect(Date.now() - started).toBeLessThan(5000)
  })
})
