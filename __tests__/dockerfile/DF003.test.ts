import { beforeAll, describe, expect, it } from '@jest/globals'
import { parseDockerfile } from '../../src/dockerfile/model.js'
import { dockerfileRules } from '../../src/dockerfile/rules/index.js'
import { dockerfile, findingsOf, lines, prepareEngine } from '../helpers.js'

beforeAll(prepareEngine)

/** `line:column` of the command word of `needle` (its last word when it starts with `|`, `&&` or `RUN`). */
function at(text: string, needle: string): string {
  const offset = text.lastIndexOf(needle)
  if (offset < 0) throw new Error(`fixture has no ${needle}`)
  const skip = /^(?:\| |&& |RUN )/.exec(needle)?.[0].length ?? 0
  const before = text.slice(0, offset + skip)
  return `${before.split('\n').length}:${offset + skip - before.lastIndexOf('\n')}`
}

describe('DF003 remote-code-execution', () => {
  it.each([
    ['curl piped to sh', 'FROM alpine\nRUN curl -fsSL https://x.example/i.sh | sh\n', '| sh'],
    ['wget -O- piped to bash', 'FROM debian\nRUN wget -qO- https://x.example/i.sh | bash\n', '| bash'],
    ['wget -O - piped to bash', 'FROM debian\nRUN wget -O - https://x.example/i.sh | bash -s -- -y\n', '| bash'],
    ['curl piped to python', 'FROM python:3.12\nRUN curl -sSL https://install.python-poetry.org | python3 -\n', '| python3'],
    ['curl piped to sudo -E bash -s', 'FROM debian\nRUN curl -fsSL https://deb.nodesource.com/setup_20.x | sudo -E bash -s\n', 'bash -s'],
    ['curl piped to env bash', 'FROM debian\nRUN curl -fsSL https://x.example/i | env A=1 bash\n', 'bash'],
    ['curl through tee to sh', 'FROM alpine\nRUN curl -fsSL https://x.example/i | tee /tmp/i | sh\n', '| sh'],
    ['curl piped to php', 'FROM php:8\nRUN curl -sS https://getcomposer.org/installer | php -- --install-dir=/usr/local/bin\n', '| php'],
    ['curl piped to perl', 'FROM perl:5\nRUN curl -L https://cpanmin.us | perl - App::cpanminus\n', '| perl'],
    ['curl piped to node', 'FROM node:20\nRUN curl -fsSL https://x.example/i.js | node\n', '| node'],
    ['fetch piped to sh', 'FROM alpine\nRUN fetch -o - https://x.example/i.sh | sh\n', '| sh'],
    ['bash <(curl …)', 'FROM debian\nRUN bash <(curl -fsSL https://x.example/i.sh)\n', 'bash'],
    ['bash < <(curl …)', 'FROM debian\nRUN bash < <(curl -fsSL https://x.example/i.sh)\n', 'bash'],
    ['sh -c "$(curl …)"', 'FROM debian\nRUN sh -c "$(curl -fsSL https://x.example/install.sh)"\n', 'sh -c'],
    ['bash -c "$(wget -O- …)"', 'FROM debian\nRUN bash -c "$(wget -O- https://x.example/i.sh)" -- -y\n', 'bash'],
    ['eval "$(wget -O- …)"', 'FROM debian\nRUN eval "$(wget -O- https://x.example/env)"\n', 'eval'],
    ['. <(curl …)', 'FROM debian\nRUN . <(curl -s https://x.example/env.sh)\n', '. <('],
    ['source <(curl …)', 'FROM debian\nRUN source <(curl -s https://x.example/env.sh)\n', 'source'],
    ['python -c "$(curl …)"', 'FROM python:3\nRUN python3 -c "$(curl -fsSL https://x.example/i.py)"\n', 'python3'],
    ['a pipe in sh -c', `FROM debian\nRUN sh -c 'curl -fsSL https://x.example/i | sh'\n`, '| sh'],
    ['a pipe with an || fallback', 'FROM debian\nRUN curl -fsSL https://x.example/i | gunzip | sh || true\n', '| sh'],
    ['a pipe in CMD', 'FROM debian\nCMD curl -fsSL https://x.example/boot.sh | sh\n', '| sh'],
    ['a pipe in exec-form ENTRYPOINT', 'FROM debian\nENTRYPOINT ["sh", "-c", "curl -fsSL https://x.example/boot.sh | sh"]\n', '| sh'],
    ['a pipe in ONBUILD', 'FROM debian\nONBUILD RUN curl -fsSL https://x.example/i.sh | sh\n', '| sh'],
    ['a download saved then run', 'FROM debian\nRUN curl -fsSL https://get.docker.com -o get-docker.sh && sh get-docker.sh\n', '&& sh'],
    ['curl -O then ./script', 'FROM debian\nRUN curl -fsSLO https://x.example/install.sh && chmod +x install.sh && ./install.sh\n', './install.sh'],
    ['wget default name then bash', 'FROM debian\nRUN wget https://x.example/setup.sh && bash setup.sh --yes\n', 'bash'],
    ['saved in one RUN, run in the next', 'FROM debian\nRUN curl -o /tmp/i.sh https://x.example/i.sh\nRUN sh /tmp/i.sh\n', 'RUN sh'],
    ['saved then fed to stdin', 'FROM debian\nRUN curl -o /tmp/i.sh https://x.example/i.sh && sh < /tmp/i.sh\n', '&& sh'],
    ['saved in cwd, run by path', 'FROM debian\nRUN cd /tmp && curl -O https://x.example/i.sh && bash /tmp/i.sh\n', 'bash'],
    ['a syntax check, then the run', 'FROM debian\nRUN curl -o i.sh https://x.example/i.sh && sh -n i.sh && sh i.sh\n', '&& sh i.sh'],
    ['-n given after the script (an argument of the script)', 'FROM debian\nRUN curl -o i.sh https://x.example/i.sh && bash i.sh -n\n', 'bash'],
    ['ruby -e (not a syntax check)', 'FROM ruby:3\nRUN curl -fsSL https://x.example/i.rb | ruby\n', '| ruby']
  ])('fires on %s', (_name, text, sink) => {
    expect(dockerfile('DF003', text)).toEqual([`${at(text, sink)} high`])
  })

  it('fires at the physical line of the sink inside a continued RUN, with the URL in the message', () => {
    const text = lines`
      FROM debian
      RUN apt-get update \\
       && curl -fsSL https://deb.nodesource.com/setup_20.x \\
          | bash - \\
       && apt-get install -y nodejs
    `
    const [finding] = findingsOf('DF003', { Dockerfile: text })
    expect([finding.line, finding.column, finding.severity]).toEqual([4, 7, 'high'])
    expect(finding.message).toContain('"curl … | bash"')
    expect(finding.message).toContain('https://deb.nodesource.com/setup_20.x')
  })

  it.each([
    ['curl piped to tar', 'FROM debian\nRUN curl -fsSL https://x.example/a.tgz | tar xz -C /opt\n'],
    ['wget saving to a file piped nowhere useful', 'FROM debian\nRUN wget https://x.example/a.tgz | sh\n'],
    ['curl -o piped to sh', 'FROM debian\nRUN curl -o /tmp/a https://x.example/a | sh\n'],
    ['JSON parsed by python -c', `FROM python:3\nRUN curl -s https://api.github.com/repos/x/y/releases/latest | python3 -c 'import json,sys; print(json.load(sys.stdin)["tag_name"])'\n`],
    ['JSON parsed by node -e', `FROM node:20\nRUN curl -s https://x.example/v.json | node -e 'process.stdin.pipe(process.stdout)'\n`],
    ['text through sh -c that does not run it', `FROM debian\nRUN curl -s https://x.example/list | sh -c 'cat > /tmp/list'\n`],
    ['a shell running a local script with the download as data', 'FROM debian\nRUN curl -s https://x.example/data | bash ./import.sh\n'],
    ['a checksum before running', 'FROM debian\nRUN curl -fsSLo i.sh https://x.example/i.sh && echo "abc  i.sh" | sha256sum -c - && sh i.sh\n'],
    ['a signature before running', 'FROM debian\nRUN curl -fsSLo i.sh https://x.example/i.sh && curl -fsSLo i.sh.asc https://x.example/i.sh.asc && gpg --batch --verify i.sh.asc i.sh && bash i.sh\n'],
    ['a compared checksum before running', `FROM debian\nRUN curl -fsSLo i.sh https://x.example/i.sh && [ "$(sha256sum i.sh | cut -d' ' -f1)" = "$SUM" ] && sh i.sh\n`],
    ['a different file run', 'FROM debian\nRUN curl -fsSLo a.tgz https://x.example/a.tgz && tar xzf a.tgz && sh ./configure\n'],
    ['a list handed to xargs sh', 'FROM debian\nRUN curl -s https://x.example/list | xargs -n1 sh\n'],
    ['diff of two downloads', 'FROM debian\nRUN diff <(curl -s https://x.example/a) <(curl -s https://x.example/b)\n'],
    ['a loop over a download', 'FROM debian\nRUN while read -r p; do echo "$p"; done < <(curl -s https://x.example/list)\n'],
    ['echo of a download command', `FROM debian\nRUN echo "curl https://x.example/i.sh | sh"\n`],
    ['a comment', 'FROM debian\n# RUN curl https://x.example/i.sh | sh\nRUN true\n'],
    ['a syntax check of a downloaded script (sh -n)', 'FROM debian\nRUN curl -fsSLo i.sh https://x.example/i.sh && sh -n i.sh\n'],
    ['a syntax check in a cluster (bash -nv)', 'FROM debian\nRUN curl -fsSLo i.sh https://x.example/i.sh && bash -nv i.sh\n'],
    ['a syntax check by -o noexec', 'FROM debian\nRUN curl -fsSLo i.sh https://x.example/i.sh && bash -o noexec i.sh\n'],
    ['a piped syntax check', 'FROM debian\nRUN curl -fsSL https://x.example/i.sh | sh -n\n'],
    ['bash --version after a download', 'FROM debian\nRUN curl -fsSL https://x.example/i.sh | bash --version\n'],
    ['ruby -c, php -l, node --check of downloads', 'FROM debian\nRUN curl -o a.rb https://x.example/a.rb && ruby -c a.rb && curl -o b.php https://x.example/b.php && php -l b.php && curl -o c.js https://x.example/c.js && node --check c.js\n'],
    ['a download into a variable', 'FROM debian\nRUN VERSION="$(curl -s https://x.example/version)" && echo "$VERSION"\n']
  ])('does not fire on %s', (_name, text) => {
    expect(dockerfile('DF003', text)).toEqual([])
  })

  it('stays linear in the commands of a RUN (2,000 downloads each run)', () => {
    const model = parseDockerfile('Dockerfile', 'FROM debian\nRUN <<EOF\n' + Array.from({ length: 2000 }, (_, i) => `curl -o /s${i}.sh https://x.example/${i} && sh /s${i}.sh`).join('\n') + '\nEOF\n')
    const rule = dockerfileRules.find((r) => r.id === 'DF003')!
    let findings = 0
    const started = performance.now()
    rule.check(model, () => findings++, { config: {} as never, workspace: {} as never, memo: new Map() })
    // A rule that compares every command with every other takes seconds here. (A here-document keeps
    // the RUN's lines short: one instruction over 64 KiB is reported, not analysed.)
    expect(performance.now() - started).toBeLessThan(1500)
    expect(findings).toBe(2000)
  })
})
