import { beforeAll, describe, expect, it } from '@jest/globals'
import { dockerfile, findingsOf, lines, prepareEngine, positionOf } from '../helpers.js'

beforeAll(prepareEngine)

/** `line:column` of the first occurrence of `needle`. */
const at = (text: string, needle: string): string => positionOf(text, needle)

describe('DF005 signature-verification-disabled', () => {
  it.each([
    ['apk --allow-untrusted', 'FROM alpine\nRUN apk add --allow-untrusted --repository https://x.example/alpine x\n', '--allow-untrusted'],
    ['apk --allow-untrusted of a downloaded file', 'FROM alpine\nRUN wget -O /tmp/x.apk https://x.example/x.apk && apk add --allow-untrusted /tmp/x.apk\n', '--allow-untrusted'],
    ['apt-get --allow-unauthenticated', 'FROM debian\nRUN apt-get install -y --allow-unauthenticated curl\n', '--allow-unauthenticated'],
    ['apt-get --allow-insecure-repositories', 'FROM debian\nRUN apt-get update --allow-insecure-repositories\n', '--allow-insecure-repositories'],
    ['apt-get --force-yes', 'FROM debian\nRUN apt-get install -y --force-yes curl\n', '--force-yes'],
    ['apt-get -o APT::Get::AllowUnauthenticated=true', 'FROM debian\nRUN apt-get -o APT::Get::AllowUnauthenticated=true install -y curl\n', 'APT::'],
    ['apt-get -oAcquire::AllowInsecureRepositories=1', 'FROM debian\nRUN apt-get -oAcquire::AllowInsecureRepositories=1 update\n', 'Acquire'],
    ['yum --nogpgcheck', 'FROM centos:7\nRUN yum install -y --nogpgcheck x\n', '--nogpgcheck'],
    ['dnf --nogpgcheck behind sudo', 'FROM fedora:40\nRUN sudo dnf --nogpgcheck install -y x\n', '--nogpgcheck'],
    ['tdnf --nogpgcheck', 'FROM photon:5.0\nRUN tdnf install -y --nogpgcheck x\n', '--nogpgcheck'],
    ['microdnf --nogpgcheck', 'FROM ubi9/ubi-minimal\nRUN microdnf install --nogpgcheck x\n', '--nogpgcheck'],
    ['dnf --setopt=gpgcheck=0', 'FROM fedora:40\nRUN dnf --setopt=gpgcheck=0 install -y x\n', '--setopt'],
    ['zypper --no-gpg-checks', 'FROM opensuse/leap\nRUN zypper --no-gpg-checks install -y x\n', '--no-gpg-checks'],
    ['rpm --nosignature of a URL', 'FROM centos:7\nRUN rpm -ivh --nosignature https://x.example/x.rpm\n', '--nosignature'],
    ['apk --allow-untrusted of a file nothing made', 'FROM alpine\nRUN apk add --allow-untrusted /tmp/pkg.apk\n', '--allow-untrusted'],
    ['an rpm copied from the context', 'FROM centos:7\nCOPY x.rpm /tmp/\nRUN rpm -ivh --nosignature /tmp/x.rpm\n', '--nosignature'],
    ['an rpm ADDed from a URL', 'FROM centos:7\nADD https://x.example/x.rpm /tmp/x.rpm\nRUN rpm -ivh --nosignature /tmp/x.rpm\n', '--nosignature'],
    ['a package another stage downloaded', 'FROM alpine AS dl\nRUN wget -O /pkg.apk https://x.example/pkg.apk\nFROM alpine\nCOPY --from=dl /pkg.apk /tmp/\nRUN apk add --allow-untrusted /tmp/pkg.apk\n', '--allow-untrusted'],
    ['a package copied from an image', 'FROM alpine\nCOPY --from=vendor/pkgs:1 /pkgs/ /tmp/pkgs/\nRUN apk add --allow-untrusted /tmp/pkgs/x.apk\n', '--allow-untrusted'],
    ['a package mounted from an image', 'FROM alpine\nRUN --mount=type=bind,target=/tmp/packages,from=builder apk add --allow-untrusted /tmp/packages/x.apk\n', '--allow-untrusted'],
    ['a package built but also downloaded by that stage', 'FROM alpine AS b\nRUN abuild -r && wget -O /out/x.apk https://x.example/x.apk\nFROM alpine\nCOPY --from=b /out/ /tmp/\nRUN apk add --allow-untrusted /tmp/x.apk\n', '--allow-untrusted'],
    ['packages from a stage that only compiles', 'FROM debian AS b\nRUN apt-get install -y build-essential && make\nFROM debian\nCOPY --from=b /out/x.deb /tmp/\nRUN apt-get install -y --allow-unauthenticated /tmp/x.deb\n', '--allow-unauthenticated'],
    ['yum localinstall of a file from the context', 'FROM centos:7\nCOPY y.rpm ./\nRUN yum localinstall -y --nogpgcheck ./y.rpm\n', '--nogpgcheck'],
    ['rpm --nodigest of a file downloaded in an earlier RUN', 'FROM centos:7\nRUN curl -fsSLO https://x.example/x.rpm\nRUN rpm -i --nodigest x.rpm\n', '--nodigest'],
    ['rpm --noverify', 'FROM centos:7\nRUN curl -o x.rpm https://x.example/x.rpm && rpm -U --noverify x.rpm\n', '--noverify'],
    ['[trusted=yes] echoed into a sources list', `FROM debian\nRUN echo 'deb [trusted=yes] http://x.example/ ./' > /etc/apt/sources.list.d/x.list\n`, 'trusted=yes'],
    ['[trusted=yes] among other options through tee', `FROM debian\nRUN echo "deb [arch=amd64 trusted=yes] https://x.example/ stable main" | tee /etc/apt/sources.list.d/x.list\n`, 'trusted=yes'],
    ['[trusted=yes] unquoted', 'FROM debian\nRUN echo deb [trusted=yes] https://x.example/ ./ >> /etc/apt/sources.list\n', 'trusted=yes'],
    ['[trusted=yes] in a here-document', 'FROM debian\nRUN cat <<EOF > /etc/apt/sources.list.d/x.list\ndeb [trusted=yes] https://x.example/ ./\nEOF\n', 'trusted=yes'],
    ['deb822 Trusted: yes', 'FROM debian\nRUN cat <<EOF > /etc/apt/sources.list.d/x.sources\nTypes: deb\nURIs: https://x.example/\nTrusted: yes\nEOF\n', 'Trusted'],
    ['add-apt-repository with trusted=yes', `FROM ubuntu\nRUN add-apt-repository 'deb [trusted=yes] https://x.example/ ./'\n`, 'trusted=yes'],
    ['gpgcheck=0 echoed into a repo file', 'FROM centos:7\nRUN echo -e "[x]\\nbaseurl=https://x.example/\\ngpgcheck=0" > /etc/yum.repos.d/x.repo\n', 'gpgcheck'],
    ['gpgcheck=0 by sed', `FROM centos:7\nRUN sed -i 's/gpgcheck=1/gpgcheck=0/g' /etc/yum.repos.d/x.repo\n`, 'gpgcheck=0'],
    ['gpgcheck=0 in a here-document after &&', 'FROM centos:7\nRUN yum clean all && cat <<EOF > /etc/yum.repos.d/x.repo\n[x]\nbaseurl=https://x.example/\ngpgcheck = 0\nEOF\n', 'gpgcheck'],
    ['apt.conf AllowUnauthenticated', `FROM debian\nRUN echo 'APT::Get::AllowUnauthenticated "true";' > /etc/apt/apt.conf.d/99unauth\n`, 'APT::'],
    ['pacman SigLevel = Never', `FROM archlinux\nRUN sed -i 's/^SigLevel.*/SigLevel = Never/' /etc/pacman.conf\n`, 'SigLevel = Never']
  ])('fires on %s', (_name, text, needle) => {
    expect(dockerfile('DF005', text)).toEqual([`${at(text, needle)} high`])
  })

  it('says where an unbuilt package file comes from', () => {
    const [finding] = findingsOf('DF005', { Dockerfile: 'FROM centos:7\nCOPY x.rpm /tmp/\nRUN rpm -ivh --nosignature /tmp/x.rpm\n' })
    expect([finding.line, finding.column, finding.severity]).toEqual([3, 14, 'high'])
    expect(finding.message).toContain('("/tmp/x.rpm": copied from the build context on line 2, not a package this build made)')
  })

  it('fires at the physical line inside a continued RUN and quotes the option', () => {
    const text = lines`
      FROM debian
      RUN apt-get update \\
       && apt-get install -y \\
            --allow-unauthenticated \\
            curl
    `
    const findings = findingsOf('DF005', { Dockerfile: text })
    expect(findings.map((f) => `${f.line}:${f.column} ${f.severity}`)).toEqual(['4:7 high'])
    expect(findings[0].message).toContain('"--allow-unauthenticated"')
  })

  it.each([
    ['a comment', 'FROM debian\n# RUN apt-get install --allow-unauthenticated x\nRUN true\n'],
    ['an echo to the terminal', `FROM debian\nRUN echo "never use --allow-untrusted or gpgcheck=0"\n`],
    ['gpgcheck=1', 'FROM centos:7\nRUN echo "gpgcheck=1" >> /etc/yum.conf\n'],
    ['sed turning checks on', `FROM centos:7\nRUN sed -i 's/gpgcheck=0/gpgcheck=1/' /etc/yum.repos.d/x.repo\n`],
    ['a signed-by source', `FROM debian\nRUN echo "deb [signed-by=/usr/share/keyrings/x.gpg] https://x.example/ stable main" > /etc/apt/sources.list.d/x.list\n`],
    ['repo_gpgcheck=0 (the default)', `FROM centos:7\nRUN echo "repo_gpgcheck=0" >> /etc/yum.repos.d/x.repo\n`],
    ['apk add with signatures', 'FROM alpine\nRUN apk add --no-cache curl\n'],
    ['rpm --import', 'FROM centos:7\nRUN rpm --import https://x.example/key.asc\n'],
    ['a local file:// repository of packages built in the build', `FROM debian\nRUN echo "deb [ trusted=yes ] file://$tempDir ./" > /etc/apt/sources.list.d/temp.list\n`],
    ['packages built in another stage, mounted', 'FROM alpine AS builder\nRUN abuild -r\nFROM alpine\nRUN --mount=type=bind,target=/tmp/packages,from=builder apk add --no-cache --allow-untrusted /tmp/packages/nginx-module-*.apk\n'],
    ['packages built in another stage, copied', 'FROM alpine AS builder\nRUN abuild -r\nFROM alpine\nCOPY --from=builder /home/builder/packages/ /tmp/packages/\nRUN apk add --allow-untrusted /tmp/packages/x86_64/*.apk\n'],
    ['a .deb built in the same RUN', 'FROM debian\nRUN dpkg-deb --build /tmp/pkg /tmp/pkg.deb && apt-get install -y --allow-unauthenticated /tmp/pkg.deb\n'],
    ['an rpm built in an earlier RUN', 'FROM centos:7\nRUN rpmbuild -bb x.spec\nRUN rpm -ivh --nosignature /root/rpmbuild/RPMS/x86_64/x.rpm\n'],
    ['packages from a stage that installs abuild and builds through make', 'FROM alpine AS builder\nRUN apk add abuild make && make -C /pkg module-x\nFROM alpine\nRUN --mount=type=bind,target=/tmp/packages/,source=/tmp/packages/,from=builder apk add --allow-untrusted /tmp/packages/x.apk\n'],
    ['an rpm built in the stage it inherits', 'FROM centos:7 AS build\nRUN rpmbuild -bb x.spec\nFROM build\nRUN rpm -ivh --nosignature ./x.rpm\n']
  ])('does not fire on %s', (_name, text) => {
    expect(dockerfile('DF005', text)).toEqual([])
  })
})
