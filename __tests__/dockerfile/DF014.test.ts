import { beforeAll, describe, expect, it } from '@jest/globals'
import { dockerfile, findingsOf, lines, prepareEngine, positionOf } from '../helpers.js'

beforeAll(prepareEngine)

/** `line:column` of the first occurrence of `needle` after the first RUN/COPY/ADD. */
const at = (text: string, needle: string): string => positionOf(text, needle, text.search(/\n(?:RUN|COPY|ADD)/))

describe('DF014 setuid-setgid', () => {
  it.each([
    ['chmod u+s', 'FROM debian\nRUN chmod u+s /usr/local/bin/x\n', 'u+s'],
    ['chmod g+s', 'FROM debian\nRUN chmod g+s /usr/local/bin/x\n', 'g+s'],
    ['chmod +s', 'FROM debian\nRUN chmod +s /usr/bin/x\n', '+s'],
    ['chmod a+s', 'FROM debian\nRUN chmod a+s /usr/bin/x\n', 'a+s'],
    ['chmod 4755', 'FROM debian\nRUN chmod 4755 /usr/bin/x\n', '4755'],
    ['chmod 2755', 'FROM debian\nRUN chmod 2755 /usr/bin/x\n', '2755'],
    ['chmod 6755', 'FROM debian\nRUN chmod 6755 /usr/bin/x\n', '6755'],
    ['chmod 04755', 'FROM debian\nRUN chmod 04755 /usr/bin/x\n', '04755'],
    ['chmod -R g+s on a directory (files get it too)', 'FROM debian\nRUN mkdir /shared && chmod -R g+s /shared\n', 'g+s'],
    ['chmod 2775 on a path not known to be a directory', 'FROM debian\nRUN chmod 2775 /opt/tool\n', '2775'],
    ['install -m 4755', 'FROM debian\nRUN install -m 4755 x /usr/bin/x\n', '4755'],
    ['COPY --chmod=4755', 'FROM debian\nCOPY --chmod=4755 x /usr/bin/x\n', '4755'],
    ['find -exec chmod u+s', 'FROM debian\nRUN find /opt/bin -type f -exec chmod u+s {} \\;\n', 'u+s'],
    ['setcap', 'FROM node:20\nRUN setcap cap_net_bind_service=+ep /usr/local/bin/node\n', 'cap_net_bind_service'],
    ['setcap =ep', 'FROM debian\nRUN setcap cap_sys_admin=ep /usr/bin/x\n', 'cap_sys_admin'],
    ['chmod -R g+s on a tree', 'FROM php:8\nRUN chmod -R g+s /var/www\n', 'g+s'],
    ['find -type f -exec chmod g+s', 'FROM debian\nRUN find /opt/bin -type f -exec chmod g+s {} +\n', 'g+s'],
    ['find -type d -o -type f | xargs chmod g+s', 'FROM debian\nRUN find /srv -type d -o -type f | xargs chmod g+s\n', 'g+s'],
    ['find -type d -exec chmod -R g+s (the files below too)', 'FROM debian\nRUN find /srv -type d -exec chmod -R g+s {} +\n', 'g+s'],
    ['setcap behind sudo with quotes', `FROM debian\nRUN sudo setcap 'cap_net_raw+eip' /usr/bin/ping\n`, "'cap_net_raw"]
  ])('fires on %s', (_name, text, needle) => {
    expect(dockerfile('DF014', text)).toEqual([`${at(text, needle)} medium`])
  })

  it('fires at the physical line inside a continued RUN and explains the bit', () => {
    const text = lines`
      FROM debian
      RUN apt-get install -y iputils-ping \\
       && chmod 4755 /bin/ping
    `
    const findings = findingsOf('DF014', { Dockerfile: text })
    expect(findings.map((f) => `${f.line}:${f.column} ${f.severity}`)).toEqual(['3:11 medium'])
    expect(findings[0].message).toContain('"chmod 4755" sets the setuid bit on "/bin/ping"')
  })

  it('says what a recursive setgid does: the executables in the tree run with the group, the directories pass it on', () => {
    const [finding] = findingsOf('DF014', { Dockerfile: 'FROM php:8\nRUN chmod -R g+s /var/www\n' })
    expect([finding.line, finding.column, finding.severity]).toEqual([2, 14, 'medium'])
    expect(finding.message).toContain('"chmod g+s" sets the setgid bit on "/var/www" and every file under it: any executable among them then runs with its group\'s privileges')
    expect(finding.message).toContain('on the directories themselves the bit only makes new files inherit the group')
  })

  it.each([
    ['chmod u-s', 'FROM debian\nRUN chmod u-s /usr/bin/x\n'],
    ['the hardening loop that removes the bits', 'FROM debian\nRUN find / -xdev -perm /6000 -type f -exec chmod a-s {} \\; || true\n'],
    ['chmod 755', 'FROM debian\nRUN chmod 755 /usr/bin/x\n'],
    ['chmod 1777 (sticky)', 'FROM debian\nRUN chmod 1777 /tmp\n'],
    ['chmod +t', 'FROM debian\nRUN chmod +t /shared\n'],
    ['g+s on a directory made by mkdir', 'FROM debian\nRUN mkdir -p /srv/shared && chmod g+s /srv/shared\n'],
    ['2775 on the WORKDIR', 'FROM debian\nWORKDIR /app\nRUN chmod 2775 /app\n'],
    ['g+s on a path with a trailing slash', 'FROM debian\nRUN chmod g+s /srv/shared/\n'],
    ['install -d --mode 3777 (a directory)', 'FROM postgres\nRUN install --verbose --directory --owner postgres --group postgres --mode 3777 /var/run/postgresql\n'],
    ['mkdir -m 2775', 'FROM debian\nRUN mkdir -m 2775 /srv/shared\n'],
    ['setcap -r', 'FROM debian\nRUN setcap -r /usr/bin/x\n'],
    ['setcap removing', 'FROM debian\nRUN setcap cap_net_raw-ep /usr/bin/ping\n'],
    ['getcap', 'FROM debian\nRUN getcap /usr/bin/ping\n'],
    ['an echo', 'FROM debian\nRUN echo "chmod u+s x"\n'],
    ['find -type d -exec chmod g+s', 'FROM debian\nRUN find /var/www -type d -exec chmod g+s {} +\n'],
    ['find -type d -exec chmod 2775 {} \\;', 'FROM debian\nRUN find /srv/data -type d -exec chmod 2775 {} \\;\n'],
    ['find -type d | xargs chmod g+s', 'FROM debian\nRUN find /var/www -type d -print0 | xargs -0 chmod g+s\n'],
    ['g+s on a directory made by mkdir in an earlier RUN', 'FROM debian\nRUN mkdir -p /srv/shared\nRUN chown :staff /srv/shared && chmod g+s /srv/shared\n'],
    ['g+s on a directory made by install -d', 'FROM debian\nRUN install -d -o www-data /srv/www && chmod g+s /srv/www\n']
  ])('does not fire on %s', (_name, text) => {
    expect(dockerfile('DF014', text)).toEqual([])
  })
})
