import { beforeAll, describe, expect, it } from '@jest/globals'
import { parseDockerfile } from '../../src/dockerfile/model.js'
import { dockerfileRules } from '../../src/dockerfile/rules/index.js'
import { dockerfile, findingsOf, lines, prepareEngine, positionOf } from '../helpers.js'

beforeAll(prepareEngine)

/** `line:column` of the first occurrence of `needle` after the first RUN/COPY/ADD. */
const at = (text: string, needle: string): string => positionOf(text, needle, text.search(/\n(?:RUN|COPY|ADD)/))

describe('DF013 world-writable', () => {
  it.each([
    ['chmod 777', 'FROM debian\nRUN chmod 777 /app\n', '777'],
    ['chmod 777 of a directory removed only in part', 'FROM debian\nRUN chmod 777 /a /b && rm -rf /a\n', '777'],
    ['chmod 666', 'FROM debian\nRUN chmod 666 /app/config.yml\n', '666'],
    ['chmod 0777', 'FROM debian\nRUN chmod 0777 /data\n', '0777'],
    ['chmod 776', 'FROM debian\nRUN chmod 776 /data\n', '776'],
    ['chmod 4777 (setuid too)', 'FROM debian\nRUN chmod 4777 /usr/local/bin/x\n', '4777'],
    ['chmod -R 777', 'FROM debian\nRUN chmod -R 777 /var/www\n', '777'],
    ['chmod 777 -R (options after the mode)', 'FROM debian\nRUN chmod 777 -R /var/www\n', '777'],
    ['chmod o+w', 'FROM debian\nRUN chmod o+w /app/logs\n', 'o+w'],
    ['chmod a+rwx', 'FROM debian\nRUN chmod a+rwx /app\n', 'a+rwx'],
    ['chmod go+w in a list', 'FROM debian\nRUN chmod u+x,go+w /app/run.sh\n', 'u+x,go+w'],
    ['chmod ugo=rwx', 'FROM debian\nRUN chmod ugo=rwx /app\n', 'ugo=rwx'],
    ['chmod behind sudo', 'FROM debian\nRUN sudo chmod 777 /app\n', '777'],
    ['find -exec chmod', 'FROM debian\nRUN find /app -type d -exec chmod 777 {} +\n', '777'],
    ['xargs chmod', 'FROM debian\nRUN find /app -type f | xargs chmod 666\n', '666'],
    ['mkdir -m 777', 'FROM debian\nRUN mkdir -p -m 777 /data\n', '777'],
    ['install -m 0666', 'FROM debian\nRUN install -m 0666 app.conf /etc/app.conf\n', '0666'],
    ['COPY --chmod=777', 'FROM debian\nCOPY --chmod=777 app /app\n', '777'],
    ['an exec-form RUN (reported at the JSON string)', 'FROM debian\nRUN ["chmod", "0777", "/data"]\n', '"0777"']
  ])('fires on %s', (_name, text, needle) => {
    expect(dockerfile('DF013', text)).toEqual([`${at(text, needle)} medium`])
  })

  it('fires at the physical line inside a continued RUN and names the targets', () => {
    const text = lines`
      FROM debian
      RUN mkdir -p /app/cache /app/logs \\
       && chown -R app /app \\
       && chmod -R 777 /app/cache /app/logs
    `
    const findings = findingsOf('DF013', { Dockerfile: text })
    expect(findings.map((f) => `${f.line}:${f.column} ${f.severity}`)).toEqual(['4:14 medium'])
    expect(findings[0].message).toContain('"chmod 777" makes "/app/cache" and "/app/logs" (recursively) writable by every user')
  })

  it.each([
    ['chmod 1777 /tmp', 'FROM debian\nRUN chmod 1777 /tmp /var/tmp\n'],
    ['chmod 1777 on any directory', 'FROM debian\nRUN mkdir -p /shared && chmod 1777 /shared\n'],
    ['chmod a+rwxt', 'FROM debian\nRUN chmod a+rwxt /shared\n'],
    ['chmod -R 775', 'FROM debian\nRUN chmod -R 775 /app\n'],
    ['chmod 755', 'FROM debian\nRUN chmod 755 /app/run.sh\n'],
    ['chmod +w (the umask keeps it from others)', 'FROM debian\nRUN chmod +w /app/config\n'],
    ['chmod g+w', 'FROM debian\nRUN chmod -R g+rwX /app\n'],
    ['chmod o-w', 'FROM debian\nRUN chmod o-w /app\n'],
    ['chmod -w (a mode, not an option)', 'FROM debian\nRUN chmod -w /app/config\n'],
    ['chmod --reference', 'FROM debian\nRUN chmod --reference=/etc/passwd /app/x\n'],
    ['COPY --chmod=755', 'FROM debian\nCOPY --chmod=755 run.sh /run.sh\n'],
    ['777 in an echo', 'FROM debian\nRUN echo "chmod 777 is bad"\n'],
    ['a file named 777', 'FROM debian\nRUN touch 777 && cp 777 /tmp/\n'],
    ['a temporary directory removed in the same RUN', 'FROM debian\nRUN tempDir="$(mktemp -d)" && chmod 777 "$tempDir" && make -C "$tempDir" && rm -rf "$tempDir"\n']
  ])('does not fire on %s', (_name, text) => {
    expect(dockerfile('DF013', text)).toEqual([])
  })

  it('stays linear in the commands of a RUN (3,500 chmods)', () => {
    const model = parseDockerfile('Dockerfile', 'FROM debian\nRUN <<EOF\n' + Array.from({ length: 3500 }, (_, i) => `chmod 777 /d${i} && rm -rf /e${i}`).join('\n') + '\nEOF\n')
    const rule = dockerfileRules.find((r) => r.id === 'DF013')!
    let findings = 0
    const started = performance.now()
    rule.check(model, () => findings++, { config: {} as never, workspace: {} as never, memo: new Map() })
    // A rule that compares every command with every other takes seconds here. (A here-document keeps
    // the RUN's lines short: one instruction over 64 KiB is reported, not analysed.)
    expect(performance.now() - started).toBeLessThan(1500)
    expect(findings).toBe(3500)
  })
})
