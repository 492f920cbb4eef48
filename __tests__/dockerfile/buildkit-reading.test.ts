import { beforeAll, describe, expect, it } from '@jest/globals'
import { initShellParser } from '../../src/shell/tree-sitter.js'
import { parseDockerfile, runCommands } from '../../src/dockerfile/model.js'
import { readAsBuildkit } from '../../src/dockerfile/buildkit.js'
import { dockerfile, findingsOf, prepareEngine } from '../helpers.js'

beforeAll(async () => {
  await initShellParser()
  await prepareEngine()
})

describe('the model reads instructions as BuildKit does (src/dockerfile/buildkit.ts)', () => {
  it('declares every ARG BuildKit declares, at its position', () => {
    const model = parseDockerfile('Dockerfile', 'FROM alpine\nARG foo bar=baz\n')
    const arg = model.instructions[1]
    expect(arg.properties.map((p) => [p.name, p.value, `${p.nameRange.line}:${p.nameRange.column}`])).toEqual([
      ['foo', undefined, '2:5'],
      ['bar', 'baz', '2:9']
    ])
    expect(model.stages[0].variables.get('bar')).toBe('baz')
  })

  it('gives flags their value without quotes and their name as written', () => {
    const model = parseDockerfile('Dockerfile', 'FROM alpine\nCOPY --chown="1000:1000" a b\nCOPY --FROM=x a b\n')
    expect(model.instructions[1].flags.map((f) => [f.name, f.value, f.range.column])).toEqual([['chown', '1000:1000', 6]])
    expect(model.instructions[2].flags.map((f) => f.name)).toEqual(['FROM'])
  })

  it('decodes JSON forms and keeps shell-form text whole', () => {
    const model = parseDockerfile('Dockerfile', 'FROM alpine\nCOPY [ "a b", "/c" ]\nMAINTAINER Jane Doe\nFOO bar\n')
    expect(model.instructions.slice(1).map((i) => i.words)).toEqual([['a b', '/c'], ['Jane Doe'], ['']])
  })

  it('runs a JSON form only when the whole text is a JSON array of strings, and trims shell text', () => {
    const model = parseDockerfile('Dockerfile', 'FROM alpine\nRUN ["apk", "add", "curl",]\nRUN ["echo", "a"] && echo b\nRUN echo a \\\n')
    expect(model.instructions.slice(1).map((i) => [i.script?.form, i.script?.text])).toEqual([
      ['shell', '["apk", "add", "curl",]'],
      ['shell', '["echo", "a"] && echo b'],
      ['shell', 'echo a']
    ])
  })

  it('reads a JSON form continued over a comment line as the exec form, at its strings', () => {
    const model = parseDockerfile('Dockerfile', 'FROM alpine\nCMD ["nginx", \\\n# the flags\n     "-g", "daemon off;"]\n')
    const script = model.instructions[1].script
    expect(script?.argv).toEqual(['nginx', '-g', 'daemon off;'])
    expect(model.index.positionAt(script!.commands[0].args[0].start)).toEqual({ line: 4, column: 6 })
    expect(model.problems).toEqual([])
  })

  it('ends an instruction continued into the end of the file on the last line the file has', () => {
    const model = parseDockerfile('Dockerfile', 'FROM alpine\nRUN echo a \\\n# done\n')
    expect([model.instructions[1].range.line, model.instructions[1].range.endLine]).toEqual([2, 3])
  })

  it('takes the frontend from //syntax= and a JSON object, as BuildKit\'s DetectSyntax does', () => {
    expect(parseDockerfile('Dockerfile', '//syntax=foo\nFROM alpine\n').directives.syntax).toBe('foo')
    expect(parseDockerfile('Dockerfile', '{"syntax": "foo", "bar": ["abc"]}').directives.syntax).toBe('foo')
    expect(parseDockerfile('Dockerfile', '{"syntax": "foo"}\n# syntax=bar').directives.syntax).toBeUndefined()
  })

  it('reads HEALTHCHECK CMD as a command, shell or exec form, and SHELL as running nothing itself', () => {
    const model = parseDockerfile('Dockerfile', 'FROM alpine\nHEALTHCHECK --interval=5s CMD curl -f http://localhost/ || exit 1\nHEALTHCHECK CMD ["foo", "-x"]\nSHELL ["/bin/bash", "-c"]\n')
    const [, shellForm, execForm, shell] = model.instructions
    expect(shellForm.script?.text).toBe('curl -f http://localhost/ || exit 1')
    expect(shellForm.script?.commands.map((c) => `${c.program}@${model.index.positionAt(c.name.start).column}`)).toEqual(['curl@31', 'exit@60'])
    expect(execForm.script?.argv).toEqual(['foo', '-x'])
    expect(shell.script).toMatchObject({ form: 'exec', argv: ['/bin/bash', '-c'], commands: [] })
  })

  it('takes here-documents where BuildKit does: not in CMD, not in a JSON string, ended at the terminator after a `\\` line', () => {
    const read = (text: string): unknown => {
      const model = parseDockerfile('Dockerfile', `FROM alpine\n${text}`)
      return [model.instructions[1].heredocs.map((h) => [h.name, h.content]), model.problems.filter((p) => !p.buildkitAccepts).map((p) => p.range.line)]
    }
    expect(read('CMD <<EOF\necho hi\nEOF\n')).toEqual([[], [3, 4]])
    expect(read('RUN ["sh", "-c", "cat <<EOF"]\n')).toEqual([[], []])
    expect(read('RUN <<EOF\necho hi \\\nEOF\n')).toEqual([[['EOF', 'echo hi \\\n']], []])
  })

  it('reads the body of a here-document after a file descriptor as its body, not as instructions', () => {
    const model = parseDockerfile('Dockerfile', 'FROM alpine\nRUN 3<<EOF cat /dev/fd/3\nUSER root\nEOF\nUSER app\n')
    expect(model.instructions.map((i) => `${i.keyword}@${i.range.line}-${i.range.endLine}`)).toEqual(['FROM@1-1', 'RUN@2-4', 'USER@5-5'])
    expect(model.instructions[1].heredocs.map((h) => [h.name, h.content, h.range.line, h.range.column])).toEqual([['EOF', 'USER root\n', 2, 6]])
  })

  it('starts an instruction where BuildKit does after an escaped escape at the end of a line', () => {
    const model = parseDockerfile('Dockerfile', 'FROM alpine\nRUN echo a\\\\\nRUN sudo id\nENV C trailing\\\\\nENV D x\n')
    expect(model.instructions.map((i) => `${i.keyword}@${i.range.line}-${i.range.endLine}`)).toEqual(['FROM@1-1', 'RUN@2-2', 'RUN@3-3', 'ENV@4-4', 'ENV@5-5'])
    expect(model.instructions[1].script?.text).toBe('echo a\\\\')
    expect(runCommands(model).map(({ command }) => `${command.program}@${model.index.positionAt(command.name.start).line}`)).toEqual(['echo@2', 'sudo@3'])
    expect(model.instructions[3].properties.map((p) => [p.name, p.value])).toEqual([['C', 'trailing\\']])
  })

  it('ends a continuation at an escaped escape, and takes here-documents after an fd', () => {
    const reading = readAsBuildkit('FROM alpine\nRUN echo a\\\\\nRUN 3<<EOF cat /dev/fd/3\nx\nEOF\n')
    expect(reading.nodes.map((n) => [n.keyword, n.start, n.end])).toEqual([['FROM', 1, 1], ['RUN', 2, 2], ['RUN', 3, 5]])
    expect(reading.nodes[2].heredocs).toEqual([{ name: 'EOF', fd: 3, expand: true, chomp: false, content: 'x\n' }])
  })
})

describe('DF023 for what BuildKit rejects, and only that', () => {
  it.each([
    ['an unknown flag, at the flag', 'FROM alpine:3.19\nCOPY --frm=build a b\n', ['2:6 medium'], 'BuildKit rejects this instruction: unknown flag: --frm'],
    ['a flag without its value', 'FROM alpine:3.19\nCOPY --from a b\n', ['2:6 medium'], 'missing a value on flag: --from'],
    ['a JSON array of other than strings', 'FROM alpine:3.19\nRUN ["a", 1]\n', ['2:1 medium'], 'arrays must be comprised of strings only'],
    ['ENV with a name only', 'FROM alpine:3.19\nENV PATH\n', ['2:1 medium'], 'ENV must have two arguments'],
    ['COPY without a destination', 'FROM alpine:3.19\nCOPY a\n', ['2:1 medium'], 'COPY requires at least two arguments'],
    ['SHELL in shell form', 'FROM alpine:3.19\nSHELL /bin/bash -c\n', ['2:1 medium'], 'SHELL requires the arguments to be in JSON form'],
    ['ONBUILD FROM', 'FROM alpine:3.19\nONBUILD FROM alpine\n', ['2:1 medium'], "FROM isn't allowed as an ONBUILD trigger"],
    ['a HEALTHCHECK of an unknown type', 'FROM alpine:3.19\nHEALTHCHECK CONNECT TCP 7000\n', ['2:1 medium'], 'Unknown type "CONNECT" in HEALTHCHECK'],
    ['a duplicate escape directive', '# escape=`\n# escape=\\\nFROM alpine:3.19\n', ['2:1 medium'], 'only one escape parser directive can be used']
  ])('reports %s', (_name, text, expected, message) => {
    expect(dockerfile('DF023', text)).toEqual(expected)
    expect(findingsOf('DF023', { Dockerfile: text })[0].message).toContain(message)
  })

  it.each([
    ['an unknown ONBUILD trigger (checked when a child image is built)', 'FROM alpine:3.19\nONBUILD FOO bar\n'],
    ['HEALTHCHECK NONE', 'FROM alpine:3.19\nHEALTHCHECK NONE\n'],
    ['flags after --', 'FROM alpine:3.19\nCOPY -- --from=a b\n'],
    ['repeated list flags', 'FROM alpine:3.19\nRUN --mount=type=cache,target=/a --mount=type=cache,target=/b ls\n']
  ])('accepts %s', (_name, text) => {
    expect(dockerfile('DF023', text)).toEqual([])
  })

  it('marks shell text BuildKit hands to the shell as built, still reporting it', () => {
    const model = parseDockerfile('Dockerfile', '# escape=`\nFROM alpine:3.19\nRUN echo \\\nRUN echo b\n')
    expect(model.problems.map((p) => [p.range.line, p.buildkitAccepts])).toEqual([[3, true]])
  })
})
