import { beforeAll, describe, expect, it } from '@jest/globals'
import { dockerfile, findingsOf, lines, prepareEngine, positionOf } from '../helpers.js'

beforeAll(prepareEngine)

/** `line:column` of the first occurrence of `needle` after the FROM line. */
const at = (text: string, needle: string): string => positionOf(text, needle, text.indexOf('\n'))

describe('DF015 ssh-server', () => {
  it.each([
    ['EXPOSE 22', 'FROM debian\nEXPOSE 22\n', '22'],
    ['EXPOSE 22/tcp among others', 'FROM debian\nEXPOSE 80 22/tcp 443\n', '22/tcp'],
    ['EXPOSE a range holding 22', 'FROM debian\nEXPOSE 20-25\n', '20-25'],
    ['EXPOSE an ARG that is 22', 'FROM debian\nARG SSH_PORT=22\nEXPOSE ${SSH_PORT}\n', '${SSH_PORT}'],
    ['apt-get install openssh-server', 'FROM debian\nRUN apt-get update && apt-get install -y --no-install-recommends openssh-server\n', 'openssh-server'],
    ['apt install a pinned openssh-server', 'FROM ubuntu\nRUN apt install -y openssh-server=1:9.6p1-3ubuntu13\n', 'openssh-server'],
    ['apk add openssh-server', 'FROM alpine\nRUN apk add --no-cache openssh-server\n', 'openssh-server'],
    ['apk add openssh (server included)', 'FROM alpine\nRUN apk add --no-cache openssh\n', 'openssh'],
    ['yum install openssh-server', 'FROM centos:7\nRUN yum install -y openssh-server\n', 'openssh-server'],
    ['dnf install openssh-server', 'FROM fedora:40\nRUN dnf -y install openssh-server\n', 'openssh-server'],
    ['microdnf install openssh-server', 'FROM ubi9/ubi-minimal\nRUN microdnf install -y openssh-server\n', 'openssh-server'],
    ['zypper install openssh-server', 'FROM opensuse/leap\nRUN zypper -n install openssh-server\n', 'openssh-server'],
    ['apk add dropbear', 'FROM alpine\nRUN apk add dropbear\n', 'dropbear'],
    ['sshd in CMD', 'FROM debian\nCMD ["/usr/sbin/sshd", "-D"]\n', '"/usr/sbin/sshd"'],
    ['sshd in ENTRYPOINT shell form', 'FROM debian\nENTRYPOINT /usr/sbin/sshd -D -e\n', '/usr/sbin/sshd'],
    ['sshd in RUN', 'FROM debian\nRUN mkdir /run/sshd && sshd\n', 'sshd\n'],
    ['service ssh start', 'FROM debian\nCMD service ssh start && tail -f /dev/null\n', 'service'],
    ['systemctl enable sshd', 'FROM centos:7\nRUN systemctl enable sshd.service\n', 'systemctl']
  ])('fires on %s', (_name, text, needle) => {
    expect(dockerfile('DF015', text)).toEqual([`${at(text, needle)} medium`])
  })

  it('fires at the physical line of the package inside a continued RUN', () => {
    const text = lines`
      FROM debian
      RUN apt-get update \\
       && apt-get install -y \\
            curl \\
            openssh-server \\
       && rm -rf /var/lib/apt/lists/*
    `
    const findings = findingsOf('DF015', { Dockerfile: text })
    expect(findings.map((f) => `${f.line}:${f.column} ${f.severity}`)).toEqual(['5:7 medium'])
    expect(findings[0].message).toContain('"apt-get install openssh-server" installs an SSH server')
  })

  it.each([
    ['openssh-client', 'FROM debian\nRUN apt-get install -y openssh-client\n'],
    ['apk openssh-client', 'FROM alpine\nRUN apk add --no-cache openssh-client git\n'],
    ['EXPOSE 2222 and 8022', 'FROM debian\nEXPOSE 2222 8022\n'],
    ['EXPOSE 22/udp', 'FROM debian\nEXPOSE 22/udp\n'],
    ['EXPOSE a range without 22', 'FROM debian\nEXPOSE 8000-8100\n'],
    ['EXPOSE an unknown variable', 'FROM debian\nEXPOSE $PORT\n'],
    ['ssh the client', 'FROM debian\nRUN ssh -o StrictHostKeyChecking=no git@x.example true\n'],
    ['ssh-keygen', 'FROM debian\nRUN ssh-keygen -A\n'],
    ['sshd -t (configuration test)', 'FROM debian\nRUN /usr/sbin/sshd -t\n'],
    ['an echo', 'FROM debian\nRUN echo "apt-get install openssh-server; sshd"\n'],
    ['apt-get remove', 'FROM debian\nRUN apt-get purge -y openssh-server\n']
  ])('does not fire on %s', (_name, text) => {
    expect(dockerfile('DF015', text)).toEqual([])
  })
})
