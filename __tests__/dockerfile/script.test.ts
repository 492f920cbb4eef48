import { beforeAll, describe, expect, it } from '@jest/globals'
import { parseDockerfile, runCommands } from '../../src/dockerfile/model.js'
import { initShellParser } from '../../src/shell/tree-sitter.js'

beforeAll(() => initShellParser())

/** `program@line:column` of every command the RUN instructions run. */
function commands(text: string): string[] {
  const model = parseDockerfile('Dockerfile', text)
  return runCommands(model).map(({ command }) => {
    const at = model.index.positionAt(command.name.start)
    return `${command.program}@${at.line}:${at.column}`
  })
}

describe('RUN commands at their physical positions', () => {
  it('maps through continuations with comment and blank lines inside', () => {
    const text = [
      'FROM debian',
      'RUN set -eux; \\',
      '    apt-get update; \\',
      '    # install tools',
      '    apt-get install -y curl sudo; \\',
      '',
      '    curl -fsSL https://x.example/i.sh | sh; \\',
      '    chmod 777 /opt'
    ].join('\n')
    expect(commands(text)).toEqual(['set@2:5', 'apt-get@3:5', 'apt-get@5:5', 'curl@7:5', 'sh@7:41', 'chmod@8:5'])
  })

  it('honours the escape directive', () => {
    const text = '# escape=`\nFROM mcr.microsoft.com/powershell\nSHELL ["/bin/sh", "-c"]\nRUN apt-get update `\n    && sudo apt-get install x'
    expect(commands(text)).toEqual(['apt-get@4:5', 'sudo@5:8'])
  })

  it('skips BuildKit flags on continuation lines', () => {
    const text = 'FROM alpine\nRUN --mount=type=cache,target=/root/.cache --network=none \\\n    --security=insecure apt-get update && chmod 777 /x'
    expect(commands(text)).toEqual(['apt-get@3:25', 'chmod@3:43'])
  })

  it('handles CRLF line endings and non-ASCII text', () => {
    expect(commands('FROM alpine\r\nRUN apt-get update \\\r\n && sudo ls\r\n')).toEqual(['apt-get@2:5', 'sudo@3:5'])
    expect(commands('FROM alpine\nRUN echo "ünïcödé 🐳" && \\\n    sudo ls')).toEqual(['echo@2:5', 'sudo@3:5'])
  })

  it('parses sh -c strings across a continuation and in exec form', () => {
    expect(commands('FROM alpine\nRUN sh -c "apt-get update && \\\n   sudo apt-get install -y x"')).toEqual([
      'sh@2:5',
      'apt-get@2:12',
      'sudo@3:4'
    ])
    expect(commands('FROM alpine\nRUN ["/bin/sh", "-c", "apt-get update && sudo chmod 777 \\"/x y\\""]')).toEqual([
      'sh@2:6',
      'apt-get@2:24',
      'sudo@2:42'
    ])
  })

  it('reads here-documents as scripts only when a shell or nothing consumes them', () => {
    const text = [
      'FROM debian',
      'RUN <<EOT bash',
      '  sudo apt-get install -y x',
      'EOT',
      'RUN <<EOF',
      'chmod 777 /srv',
      'EOF',
      'RUN cat <<EOF > /etc/motd && <<-"B" sh',
      'sudo is data here',
      'EOF',
      '	sudo id',
      '	B',
      'RUN <<EOF',
      '#!/usr/bin/env python3',
      'import os',
      'EOF'
    ].join('\n')
    expect(commands(text)).toEqual(['bash@2:11', 'sudo@3:3', 'chmod@6:1', 'cat@8:5', 'sh@8:37', 'sudo@11:2'])
  })

  it('includes ONBUILD RUN triggers', () => {
    expect(commands('FROM alpine\nONBUILD RUN sudo make')).toEqual(['sudo@2:13'])
  })

  it('does not read a PowerShell SHELL as POSIX shell', () => {
    expect(commands('FROM mcr.microsoft.com/windows/servercore\nSHELL ["powershell", "-Command"]\nRUN Invoke-WebRequest x | iex')).toEqual([])
  })
})

describe('problems of an invalid Dockerfile', () => {
  it('reports unknown instructions, a missing FROM and an unterminated heredoc at their lines', () => {
    const model = parseDockerfile('Dockerfile', 'FROM alpine\nRUNN echo\nRUN <<EOF\nnever ends\n')
    expect(model.problems.map((p) => p.range.line)).toEqual([2, 3])
    expect(parseDockerfile('Dockerfile', 'RUN echo\n').problems.map((p) => p.message)).toEqual([
      'no FROM instruction: this is not a buildable Dockerfile (a template or snippet?); its instructions are analysed as if they followed an unknown base image'
    ])
  })
})

describe('CMD and ENTRYPOINT after BuildKit flags dockerfile-ast keeps as words', () => {
  /** The instruction's command: argv or text, and `program@line:column` of what it runs. */
  function script(text: string, keyword: string): { form?: string; argv?: string[]; text?: string; at: string[] } {
    const model = parseDockerfile('Dockerfile', text)
    const s = model.instructions.find((i) => i.keyword === keyword)!.script!
    const at = s.commands.map((c) => {
      const p = model.index.positionAt(c.name.start)
      return `${c.program}@${p.line}:${p.column}`
    })
    return { form: s.form, argv: s.argv, text: s.text, at }
  }

  it('reads the JSON form after the flags, at the strings\' positions', () => {
    expect(script('FROM scratch\nCMD --doit [ "sudo", "b" ]\n', 'CMD')).toEqual({ form: 'exec', argv: ['sudo', 'b'], text: undefined, at: ['sudo@2:14'] })
  })

  it('reads shell text after the flags and the `--` that ends them', () => {
    expect(script('FROM scratch\nENTRYPOINT --a=1 -- sudo  rm -rf /x\n', 'ENTRYPOINT')).toMatchObject({ form: 'shell', text: 'sudo  rm -rf /x', at: ['sudo@2:21'] })
  })

  it('keeps a `--` word that follows a command as the command\'s', () => {
    expect(script('FROM scratch\nCMD echo --a -- b\n', 'CMD')).toMatchObject({ form: 'shell', text: 'echo --a -- b', at: ['echo@2:5'] })
  })
})
