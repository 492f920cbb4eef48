import { beforeAll, describe, expect, it } from '@jest/globals'
import { parseDockerfile } from '../../src/dockerfile/model.js'
import { dockerfileRules } from '../../src/dockerfile/rules/index.js'
import { dockerfile, findingsOf, lines, prepareEngine } from '../helpers.js'

beforeAll(prepareEngine)

describe('DF019 pipefail-missing', () => {
  it.each([
    ['curl | tar', 'FROM debian\nRUN curl -fsSL https://x.example/a.tgz | tar xz -C /opt\n', ['2:5 low']],
    ['wget | sh', 'FROM debian\nRUN wget -qO- https://x.example/i.sh | sh\n', ['2:5 low']],
    ['a pipeline after &&', 'FROM debian\nRUN apt-get update && curl -fsSL https://x.example/k | gpg --dearmor -o /k.gpg\n', ['2:23 low']],
    ['two pipelines, once each', 'FROM debian\nRUN curl a | tar x && curl b | tar x | cat\n', ['2:5 low', '2:23 low']],
    ['a pipeline in a subshell', 'FROM debian\nRUN (curl a | tar x) && b\n', ['2:6 low']],
    ['SHELL without pipefail', 'FROM debian\nSHELL ["/bin/bash", "-c"]\nRUN curl a | tar x\n', ['3:5 low']],
    ['set -o pipefail only after the pipeline', 'FROM debian\nRUN curl a | tar x; set -o pipefail\n', ['2:5 low']],
    ['a here-document script', 'FROM debian\nRUN <<EOF\ncurl a | tar x\nEOF\n', ['3:1 low']],
    ['pipefail in another RUN', 'FROM debian\nRUN set -o pipefail\nRUN curl a | tar x\n', ['3:5 low']]
  ])('fires on %s', (_name, text, expected) => {
    expect(dockerfile('DF019', text)).toEqual(expected)
  })

  it('fires once at the physical line of the first command of the pipeline', () => {
    const text = lines`
      FROM debian
      RUN apt-get update \\
       && curl -fsSL https://x.example/a.tgz \\
          | tar xz -C /opt \\
       && rm -rf /var/lib/apt/lists/*
    `
    const findings = findingsOf('DF019', { Dockerfile: text })
    expect(findings.map((f) => `${f.line}:${f.column} ${f.severity}`)).toEqual(['3:5 low'])
    expect(findings[0].message).toContain('"curl | tar" succeeds when "curl" fails')
  })

  it.each([
    ['exec form', 'FROM debian\nRUN ["/bin/sh", "-c", "curl a | tar x"]\n'],
    ['SHELL with pipefail', 'FROM debian\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl a | tar x\n'],
    ['set -o pipefail first', 'FROM debian\nRUN set -o pipefail && curl a | tar x\n'],
    ['set -euo pipefail first', 'FROM debian\nRUN set -euxo pipefail; curl a | tar x\n'],
    ['bash -o pipefail -c', `FROM debian\nRUN bash -o pipefail -c 'curl a | tar x'\n`],
    ['|| true by intent', 'FROM debian\nRUN curl a | tar x || true\n'],
    ['a three-stage pipeline with a fallback', 'FROM debian\nRUN find / -perm /6000 | grep -v x | xargs chmod a-s || true\n'],
    ['echo into a pipe', `FROM debian\nRUN echo "abc  a.tgz" | sha256sum -c -\n`],
    ['printf into tee', `FROM debian\nRUN printf 'x\\n' | tee /etc/x\n`],
    ['no pipeline', 'FROM debian\nRUN curl -o a https://x.example/a && tar xf a\n'],
    ['a PowerShell SHELL', 'FROM mcr.microsoft.com/windows/servercore\nSHELL ["powershell", "-Command"]\nRUN Get-Content a | Out-File b\n']
  ])('does not fire on %s', (_name, text) => {
    expect(dockerfile('DF019', text)).toEqual([])
  })

  it('stays linear in the commands of a RUN (5,000 pipelines)', () => {
    const model = parseDockerfile('Dockerfile', 'FROM debian\nRUN <<EOF\n' + Array.from({ length: 5000 }, () => 'curl a | tar x').join('\n') + '\nEOF\n')
    const rule = dockerfileRules.find((r) => r.id === 'DF019')!
    let findings = 0
    const started = performance.now()
    rule.check(model, () => findings++, { config: {} as never, workspace: {} as never, memo: new Map() })
    // A rule that compares every command with every other takes seconds here. (A here-document keeps
    // the RUN's lines short: one instruction over 64 KiB is reported, not analysed.)
    expect(performance.now() - started).toBeLessThan(1500)
    expect(findings).toBe(5000)
  })
})
