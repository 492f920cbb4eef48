import { beforeAll, describe, expect, it } from '@jest/globals'
import { dockerfile, findingsOf, lines, prepareEngine, positionOf } from '../helpers.js'

beforeAll(prepareEngine)

/** `line:column` of the first occurrence of `needle`. */
const at = (text: string, needle: string): string => positionOf(text, needle)

describe('DF004 tls-verification-disabled', () => {
  it.each([
    ['curl -k', 'FROM alpine\nRUN curl -k https://x.example/a -o a\n', '-k'],
    ['curl -k in a cluster', 'FROM alpine\nRUN curl -fsSLk https://x.example/a -o a\n', '-fsSLk'],
    ['curl --insecure', 'FROM alpine\nRUN curl --insecure -o a https://x.example/a\n', '--insecure'],
    ['curl behind sudo', 'FROM debian\nRUN sudo curl --insecure -o a https://x.example/a\n', '--insecure'],
    ['wget --no-check-certificate', 'FROM debian\nRUN wget --no-check-certificate https://x.example/a\n', '--no-check-certificate'],
    ['busybox wget', 'FROM alpine\nRUN busybox wget --no-check-certificate https://x.example/a\n', '--no-check-certificate'],
    ['pip --trusted-host', 'FROM python:3\nRUN pip install --trusted-host pypi.org flask==3.0.0\n', '--trusted-host'],
    ['pip --trusted-host=', 'FROM python:3\nRUN python3 -m pip install --trusted-host=pypi.org flask==3.0.0\n', '--trusted-host='],
    ['pip config set', 'FROM python:3\nRUN pip config set global.trusted-host pypi.org\n', 'global.trusted-host'],
    ['npm config set strict-ssl false', 'FROM node:20\nRUN npm config set strict-ssl false\n', 'strict-ssl'],
    ['npm set strict-ssl=false', 'FROM node:20\nRUN npm set strict-ssl=false\n', 'strict-ssl'],
    ['yarn config set strict-ssl false', 'FROM node:20\nRUN yarn config set strict-ssl false\n', 'strict-ssl'],
    ['npm --strict-ssl=false', 'FROM node:20\nRUN npm install --strict-ssl=false\n', '--strict-ssl=false'],
    ['git -c http.sslVerify=false', 'FROM alpine/git\nRUN git -c http.sslVerify=false clone https://x.example/r.git\n', 'http.sslVerify=false'],
    ['git config http.sslVerify false', 'FROM alpine/git\nRUN git config --global http.sslVerify false\n', 'http.sslVerify'],
    ['git config per URL', 'FROM alpine/git\nRUN git config --global http.https://x.example/.sslverify 0\n', 'http.https'],
    ['yum --setopt=sslverify=0', 'FROM centos:7\nRUN yum --setopt=sslverify=0 install -y curl\n', '--setopt'],
    ['dnf config-manager --setopt=*.sslverify=false', 'FROM fedora:40\nRUN dnf config-manager --save --setopt=*.sslverify=false\n', '--setopt'],
    ['apt-get -o Verify-Peer=false', 'FROM debian\nRUN apt-get -o Acquire::https::Verify-Peer=false update\n', 'Acquire'],
    ['conda ssl_verify false', 'FROM continuumio/miniconda3\nRUN conda config --set ssl_verify false\n', 'ssl_verify'],
    ['ENV PIP_TRUSTED_HOST', 'FROM python:3\nENV PIP_TRUSTED_HOST=pypi.org\n', 'PIP_TRUSTED_HOST'],
    ['ENV PYTHONHTTPSVERIFY=0', 'FROM python:3\nENV PYTHONHTTPSVERIFY=0\n', 'PYTHONHTTPSVERIFY'],
    ['ENV NODE_TLS_REJECT_UNAUTHORIZED=0 (legacy form)', 'FROM node:20\nENV NODE_TLS_REJECT_UNAUTHORIZED 0\n', 'NODE_TLS'],
    ['ENV NODE_TLS_REJECT_UNAUTHORIZED="0"', 'FROM node:20\nENV A=1 NODE_TLS_REJECT_UNAUTHORIZED="0"\n', 'NODE_TLS'],
    ['ARG NPM_CONFIG_STRICT_SSL=false', 'FROM node:20\nARG NPM_CONFIG_STRICT_SSL=false\n', 'NPM_CONFIG'],
    ['lower-case npm_config_strict_ssl', 'FROM node:20\nENV npm_config_strict_ssl=false\n', 'npm_config'],
    ['ENV GIT_SSL_NO_VERIFY=true', 'FROM alpine/git\nENV GIT_SSL_NO_VERIFY=true\n', 'GIT_SSL'],
    ['ENV GIT_SSL_NO_VERIFY=1 before FROM', 'ARG GIT_SSL_NO_VERIFY=1\nFROM alpine/git\n', 'GIT_SSL'],
    ['a prefix assignment in RUN', 'FROM alpine/git\nRUN GIT_SSL_NO_VERIFY=1 git clone https://x.example/r.git\n', 'GIT_SSL'],
    ['export in RUN', 'FROM node:20\nRUN export NODE_TLS_REJECT_UNAUTHORIZED=0 && npm ci\n', 'NODE_TLS'],
    ['ENV GIT_SSL_NO_VERIFY=0 (git reads any value as set)', 'FROM alpine/git\nENV GIT_SSL_NO_VERIFY=0\n', 'GIT_SSL'],
    ['ENV GIT_SSL_NO_VERIFY=false', 'FROM alpine/git\nENV GIT_SSL_NO_VERIFY=false\n', 'GIT_SSL'],
    ['ENV GIT_SSL_NO_VERIFY empty', 'FROM alpine/git\nENV GIT_SSL_NO_VERIFY=""\n', 'GIT_SSL'],
    ['ARG GIT_SSL_NO_VERIFY=0', 'FROM alpine/git\nARG GIT_SSL_NO_VERIFY=0\n', 'GIT_SSL'],
    ['export GIT_SSL_NO_VERIFY=', 'FROM alpine/git\nRUN export GIT_SSL_NO_VERIFY= && git clone https://x.example/r.git\n', 'GIT_SSL'],
    ['a GIT_SSL_NO_VERIFY=0 prefix', 'FROM alpine/git\nRUN GIT_SSL_NO_VERIFY=0 git clone https://x.example/r.git\n', 'GIT_SSL'],
    ['GIT_SSL_NO_VERIFY from a variable', 'FROM alpine/git\nARG NOVERIFY\nENV GIT_SSL_NO_VERIFY=$NOVERIFY\n', 'GIT_SSL'],
    ['curl -k with a checksum check after it', 'FROM debian\nRUN curl -k -o a.tgz https://x.example/a.tgz && echo "$SUM  a.tgz" | sha256sum -c -\n', '-k'],
    ['env in RUN', 'FROM python:3\nRUN env PYTHONHTTPSVERIFY=0 python fetch.py\n', 'PYTHONHTTPSVERIFY'],
    ['sslverify=0 echoed into a repo file', 'FROM centos:7\nRUN echo "sslverify=0" >> /etc/yum.conf\n', 'sslverify'],
    ['sslverify=0 through tee after &&', 'FROM centos:7\nRUN yum clean all && echo "sslverify=false" | tee -a /etc/yum.conf\n', 'sslverify'],
    ['sslverify=0 printed with \\n', `FROM centos:7\nRUN printf '[x]\\nbaseurl=https://x.example/\\nsslverify=0\\n' > /etc/yum.repos.d/x.repo\n`, 'sslverify'],
    ['sslverify=0 by sed', `FROM centos:7\nRUN sed -i 's/^sslverify=1/sslverify=0/' /etc/yum.conf\n`, 'sslverify=0'],
    ['strict-ssl=false into .npmrc', 'FROM node:20\nRUN echo strict-ssl=false >> ~/.npmrc\n', 'strict-ssl'],
    ['insecure into .curlrc', 'FROM debian\nRUN echo insecure >> ~/.curlrc\n', 'insecure'],
    ['apt.conf Verify-Peer', `FROM debian\nRUN echo 'Acquire::https::Verify-Peer "false";' > /etc/apt/apt.conf.d/99insecure\n`, 'Acquire'],
    ['a here-document repo file', 'FROM centos:7\nRUN cat <<EOF > /etc/yum.repos.d/x.repo\n[x]\nsslverify = 0\nEOF\n', 'sslverify']
  ])('fires on %s', (_name, text, needle) => {
    expect(dockerfile('DF004', text)).toEqual([`${at(text, needle)} high`])
  })

  it('quotes the offending words and fires at the physical line inside a continued RUN', () => {
    const text = lines`
      FROM debian
      RUN apt-get update \\
       && curl -fsSL \\
            --insecure \\
            https://x.example/a -o /a
    `
    const findings = findingsOf('DF004', { Dockerfile: text })
    expect(findings.map((f) => `${f.line}:${f.column} ${f.severity}`)).toEqual(['4:7 high'])
    expect(findings[0].message).toContain('"--insecure"')
  })

  it('says what a checksum check after curl -k leaves, and says a forged download goes through when none follows', () => {
    const checked = 'FROM debian\nRUN curl -fsSLk -o a.tgz https://x.example/a.tgz \\\n && echo "$SUM  a.tgz" | sha256sum -c - \\\n && tar xzf a.tgz\n'
    const [withCheck] = findingsOf('DF004', { Dockerfile: checked })
    expect([withCheck.line, withCheck.column, withCheck.severity]).toEqual([2, 10, 'high'])
    expect(withCheck.message).toContain('the "sha256sum" check on line 3 rejects a forged file if it covers this download')
    expect(withCheck.message).not.toContain('can serve the build a forged download')
    const [unchecked] = findingsOf('DF004', { Dockerfile: 'FROM debian\nRUN sha256sum -c sums && curl -k -o a https://x.example/a\n' })
    expect(unchecked.message).toContain('can serve the build a forged download')
  })

  it('says that git turns verification off for GIT_SSL_NO_VERIFY=0', () => {
    const [finding] = findingsOf('DF004', { Dockerfile: 'FROM alpine/git\nENV GIT_SSL_NO_VERIFY=0\n' })
    expect(finding.message).toContain('even "0": git turns them off whenever the variable is set, whatever its value')
  })

  it.each([
    ['a comment', 'FROM debian\n# RUN curl -k https://x.example\nRUN true\n'],
    ['echoed words', 'FROM debian\nRUN echo "use curl -k or --no-check-certificate, PIP_TRUSTED_HOST=x"\n'],
    ['sslverify=0 echoed to the terminal', 'FROM centos:7\nRUN echo "sslverify=0"\n'],
    ['sslverify=0 echoed to /dev/null', 'FROM centos:7\nRUN echo "sslverify=0" > /dev/null\n'],
    ['sed turning verification back on', `FROM centos:7\nRUN sed -i 's/sslverify=0/sslverify=1/' /etc/yum.conf\n`],
    ['curl -K config file (capital K)', 'FROM debian\nRUN curl -K /etc/curl.conf https://x.example/a\n'],
    ['curl with a -k inside a header value', `FROM debian\nRUN curl -H 'X-k: -k' https://x.example/a\n`],
    ['verification kept on', 'FROM node:20\nENV NODE_TLS_REJECT_UNAUTHORIZED=1 PYTHONHTTPSVERIFY=1 NPM_CONFIG_STRICT_SSL=true\n'],
    ['GIT_SSL_NO_VERIFY only declared (an ARG without a value sets nothing)', 'FROM alpine/git\nARG GIT_SSL_NO_VERIFY\n'],
    ['GIT_SSL_NO_VERIFY in a comment and an echo', 'FROM alpine/git\n# ENV GIT_SSL_NO_VERIFY=1\nRUN echo GIT_SSL_NO_VERIFY=1\n'],
    ['an ARG without a value', 'FROM python:3\nARG PIP_TRUSTED_HOST\n'],
    ['a value from a variable', 'FROM python:3\nARG HOST\nENV PIP_TRUSTED_HOST=${HOST}\n'],
    ['git config with sslVerify true', 'FROM alpine/git\nRUN git config --global http.sslVerify true\n'],
    ['npm strict-ssl true', 'FROM node:20\nRUN npm config set strict-ssl true\n'],
    ['pip without trusted-host', 'FROM python:3\nRUN pip install --index-url https://pypi.example/simple flask==3.0.0\n']
  ])('does not fire on %s', (_name, text) => {
    expect(dockerfile('DF004', text)).toEqual([])
  })
})
