import { beforeAll, describe, expect, it } from '@jest/globals'
import { dockerfile, findingsOf, lines, prepareEngine, positionOf } from '../helpers.js'

beforeAll(prepareEngine)

/** `line:column` of the first occurrence of `needle` after the FROM line. */
const at = (text: string, needle: string): string => positionOf(text, needle, text.indexOf('\n'))

describe('DF018 root-equivalent-account', () => {
  it.each([
    ['useradd -u 0', 'FROM debian\nRUN useradd -o -u 0 admin\n', '0 admin', 'high'],
    ['useradd --uid=0', 'FROM debian\nRUN useradd --uid=0 -o admin\n', '0 -o', 'high'],
    ['useradd -ou 0', 'FROM debian\nRUN useradd -ou 0 -g 0 admin\n', '0 -g', 'high'],
    ['adduser -u 0 (BusyBox)', 'FROM alpine\nRUN adduser -D -u 0 admin\n', '0 admin', 'high'],
    ['usermod -u 0', 'FROM debian\nRUN usermod -o -u 0 app\n', '0 app', 'high'],
    ['usermod -aG sudo', 'FROM debian\nRUN usermod -aG sudo app\n', 'sudo', 'high'],
    ['usermod -a -G docker,audio', 'FROM debian\nRUN usermod -a -G audio,docker jenkins\n', 'docker', 'high'],
    ['usermod -G root', 'FROM debian\nRUN usermod -G root app\n', 'root', 'high'],
    ['useradd -G wheel', 'FROM centos:7\nRUN useradd -m -G wheel app\n', 'wheel', 'high'],
    ['useradd -g sudo (primary)', 'FROM debian\nRUN useradd -g sudo app\n', 'sudo', 'high'],
    ['adduser <user> sudo', 'FROM debian\nRUN adduser app sudo\n', 'sudo', 'high'],
    ['adduser --ingroup sudo', 'FROM debian\nRUN adduser --disabled-password --gecos "" --ingroup sudo app\n', 'sudo', 'high'],
    ['addgroup <user> wheel', 'FROM alpine\nRUN addgroup app wheel\n', 'wheel', 'high'],
    ['gpasswd -a', 'FROM debian\nRUN gpasswd -a app docker\n', 'docker', 'high'],
    ['NOPASSWD echoed into sudoers', `FROM debian\nRUN echo 'app ALL=(ALL) NOPASSWD: ALL' >> /etc/sudoers\n`, 'NOPASSWD', 'high'],
    ['NOPASSWD for a group through tee', `FROM centos:7\nRUN echo '%wheel ALL=(ALL:ALL) NOPASSWD:ALL' | tee /etc/sudoers.d/wheel\n`, 'NOPASSWD', 'high'],
    ['NOPASSWD for some commands', `FROM debian\nRUN echo "app ALL=(root) NOPASSWD: /usr/bin/apt-get" > /etc/sudoers.d/app\n`, 'NOPASSWD', 'high'],
    ['NOPASSWD in a here-document', 'FROM debian\nRUN cat <<EOF > /etc/sudoers.d/app\napp ALL=(ALL) NOPASSWD: ALL\nEOF\n', 'NOPASSWD', 'high'],
    ['a UID-0 line appended to /etc/passwd', `FROM debian\nRUN echo 'toor:x:0:0::/root:/bin/sh' >> /etc/passwd\n`, 'toor', 'high'],
    ['passwd -d', 'FROM debian\nRUN passwd -d root\n', '-d', 'high'],
    ['chpasswd fed a literal password', `FROM debian\nRUN echo 'root:Docker!' | chpasswd\n`, 'chpasswd', 'medium'],
    ['chpasswd with a here-string', `FROM debian\nRUN chpasswd <<< 'app:secret'\n`, 'chpasswd', 'medium'],
    ['passwd fed a literal password', `FROM debian\nRUN echo -e 'pw\\npw' | passwd app\n`, 'passwd', 'medium']
  ])('fires on %s', (_name, text, needle, severity) => {
    expect(dockerfile('DF018', text)).toEqual([`${at(text, needle)} ${severity}`])
  })

  it('fires at the physical line inside a continued RUN and explains the group', () => {
    const text = lines`
      FROM jenkins/jenkins:lts
      USER root
      RUN apt-get update \\
       && apt-get install -y docker-ce-cli \\
       && usermod -aG docker jenkins
    `
    const findings = findingsOf('DF018', { Dockerfile: text })
    expect(findings.map((f) => `${f.line}:${f.column} ${f.severity}`)).toEqual(['5:17 high'])
    expect(findings[0].message).toContain('"usermod -aG docker" adds the account to the docker group')
  })

  it.each([
    ['an ordinary user', 'FROM debian\nRUN useradd -r -u 10001 -g app app\n'],
    ['useradd -l -u (lastlog flag)', 'FROM debian\nRUN useradd -l -u 1000 app\n'],
    ['GID 0 as the primary group (OpenShift)', 'FROM ubi9\nRUN useradd -u 1001 -g 0 app\n'],
    ['adduser -G app (BusyBox primary group)', 'FROM alpine\nRUN addgroup -S app && adduser -S -G app app\n'],
    ['usermod -aG audio', 'FROM debian\nRUN usermod -aG audio,video app\n'],
    ['gpasswd -d (removal)', 'FROM debian\nRUN gpasswd -d app sudo\n'],
    ['a sudoers rule with a password', `FROM debian\nRUN echo 'app ALL=(ALL) ALL' >> /etc/sudoers\n`],
    ['a NOPASSWD rule as another user', `FROM debian\nRUN echo 'app ALL=(postgres) NOPASSWD: /usr/bin/psql' > /etc/sudoers.d/app\n`],
    ['NOPASSWD echoed to the terminal', `FROM debian\nRUN echo 'app ALL=(ALL) NOPASSWD: ALL'\n`],
    ['chpasswd from a build argument', 'FROM debian\nARG PASSWORD\nRUN echo "app:${PASSWORD}" | chpasswd\n'],
    ['passwd -l (lock)', 'FROM debian\nRUN passwd -l root\n'],
    ['an echo', 'FROM debian\nRUN echo "useradd -u 0 x; usermod -aG sudo x"\n'],
    ['the root line of /etc/passwd', `FROM debian\nRUN echo 'root:x:0:0:root:/root:/bin/bash' > /etc/passwd.new\n`]
  ])('does not fire on %s', (_name, text) => {
    expect(dockerfile('DF018', text)).toEqual([])
  })
})
