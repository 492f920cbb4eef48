import { beforeAll, describe, expect, it } from '@jest/globals'
import { dockerfile, findingsOf, prepareEngine } from '../helpers.js'

beforeAll(prepareEngine)

const PRIVATE_PEM = '-----BEGIN ' + 'PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n'
const CERTIFICATE = '-----BEGIN CERTIFICATE-----\nMIIC\n-----END CERTIFICATE-----\n'

describe('DF007 secret-file-in-image', () => {
  it.each([
    ['an SSH private key', 'FROM alpine\nCOPY id_rsa /root/.ssh/id_rsa\n', ['2:6 high']],
    ['an ed25519 key in the JSON form', 'FROM alpine\nCOPY ["keys/id_ed25519", "/root/.ssh/"]\n', ['2:8 high']],
    ['an id_ecdsa key by ADD', 'FROM alpine\nADD id_ecdsa /k\n', ['2:5 high']],
    ['the .ssh directory', 'FROM alpine\nCOPY .ssh/ /root/.ssh/\n', ['2:6 high']],
    ['a file in the .aws directory', 'FROM alpine\nCOPY .aws/credentials /root/.aws/credentials\n', ['2:6 high']],
    ['the .aws directory', 'FROM alpine\nCOPY --chown=app .aws /home/app/.aws\n', ['2:18 high']],
    ['a .key file', 'FROM nginx:1\nCOPY certs/server.key /etc/nginx/\n', ['2:6 high']],
    ['a .pem file the repository does not have', 'FROM nginx:1\nCOPY tls.pem /etc/nginx/\n', ['2:6 high']],
    ['a .p12 key store', 'FROM alpine\nCOPY store.p12 /app/\n', ['2:6 high']],
    ['a .pfx key store', 'FROM alpine\nCOPY cert.pfx /app/\n', ['2:6 high']],
    ['.env', 'FROM node:20\nCOPY .env /app/.env\n', ['2:6 high']],
    ['.env.production', 'FROM node:20\nCOPY .env.production ./\n', ['2:6 high']],
    ['a .env* glob', 'FROM node:20\nCOPY .env* ./\n', ['2:6 high']],
    ['.npmrc the repository does not have', 'FROM node:20\nCOPY .npmrc ./\n', ['2:6 high']],
    ['.pypirc', 'FROM python:3\nCOPY .pypirc /root/\n', ['2:6 high']],
    ['.netrc', 'FROM alpine\nCOPY .netrc /root/\n', ['2:6 high']],
    ['.git-credentials', 'FROM alpine\nCOPY .git-credentials /root/\n', ['2:6 high']],
    ['a kubeconfig', 'FROM alpine\nCOPY kubeconfig /root/.kube/config\n', ['2:6 high']],
    ['credentials.json', 'FROM python:3\nCOPY config/credentials.json /app/\n', ['2:6 high']],
    ['a Docker config.json', 'FROM alpine\nCOPY .docker/config.json /root/.docker/\n', ['2:6 high']],
    ['a *.pem glob', 'FROM alpine\nCOPY *.pem /certs/\n', ['2:6 high']],
    ['the second of several sources', 'FROM alpine\nCOPY app.py id_rsa /app/\n', ['2:13 high']],
    ['a quoted source', 'FROM alpine\nCOPY "id_rsa" /k\n', ['2:7 high']],
    ['an SSH config from the .ssh directory', 'FROM alpine\nCOPY .ssh/config /root/.ssh/config\n', ['2:6 high']],
    ['a .key file copied to a private place', 'FROM alpine\nCOPY server.key /etc/keys/server.key\n', ['2:6 high']],
    ['a .key file copied to the private-key directory', 'FROM alpine\nCOPY tls.key /etc/ssl/private/\n', ['2:6 high']]
  ])('fires on %s', (_name, text, expected) => {
    expect(dockerfile('DF007', text)).toEqual(expected)
  })

  it('reads the repository\'s file: a .pem private key fires, a certificate does not', () => {
    const text = 'FROM nginx:1\nCOPY tls/site.pem /etc/nginx/\n'
    expect(dockerfile('DF007', text, { 'tls/site.pem': PRIVATE_PEM })).toEqual(['2:6 high'])
    expect(dockerfile('DF007', text, { 'tls/site.pem': CERTIFICATE })).toEqual([])
  })

  it('reads the repository\'s .npmrc: a literal token fires, a ${NPM_TOKEN} reference does not', () => {
    const text = 'FROM node:20\nCOPY .npmrc ./\n'
    expect(dockerfile('DF007', text, { '.npmrc': '//registry.npmjs.org/:_authToken=abcdef123\n' })).toEqual(['2:6 high'])
    expect(dockerfile('DF007', text, { '.npmrc': '//registry.npmjs.org/:_authToken=${NPM_TOKEN}\nregistry=https://registry.npmjs.org/\n' })).toEqual([])
  })

  it('reads the content before trusting a public destination: a private key copied to a .pub name still fires', () => {
    const text = 'FROM alpine\nCOPY signing.key /etc/apk/keys/signing.rsa.pub\n'
    expect(dockerfile('DF007', text, { 'signing.key': PRIVATE_PEM })).toEqual(['2:6 high'])
    expect(dockerfile('DF007', text, { 'signing.key': '-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----\n' })).toEqual([])
  })

  it('resolves sources against the Dockerfile\'s directory', () => {
    const text = 'FROM nginx:1\nCOPY site.pem /etc/nginx/\n'
    expect(findingsOf('DF007', { 'web/Dockerfile': text, 'web/site.pem': CERTIFICATE, 'site.pem': PRIVATE_PEM })).toEqual([])
  })

  it.each([
    ['.env.example', 'FROM node:20\nCOPY .env.example .env\n'],
    ['.env.sample', 'FROM node:20\nCOPY .env.sample ./\n'],
    ['.env.template', 'FROM node:20\nCOPY .env.template ./\n'],
    ['a public key', 'FROM alpine\nCOPY id_rsa.pub /root/.ssh/authorized_keys\n'],
    ['COPY --from a stage', 'FROM alpine AS keys\nRUN ssh-keygen -f /id_rsa\nFROM alpine\nCOPY --from=keys /id_rsa /id_rsa\n'],
    ['COPY --from an image', 'FROM alpine\nCOPY --from=vault:1.15 /root/.ssh/id_rsa /x\n'],
    ['a certificate chain by name', 'FROM nginx:1\nCOPY certs/fullchain.pem certs/ca.pem /etc/nginx/\n'],
    ['Diffie-Hellman parameters', 'FROM alpine\nCOPY target/shared/ffdhe4096.pem /etc/dovecot/dh.pem\nCOPY dhparam.pem /etc/nginx/\n'],
    ['a package signing key', 'FROM debian:12\nCOPY nodesource.gpg.key /tmp/\n'],
    ['a credential name only in the destination', 'FROM alpine\nCOPY deploy-key.txt /root/.ssh/id_rsa\n'],
    ['an ordinary file', 'FROM python:3\nCOPY app.py requirements.txt /app/\n'],
    ['a remote URL', 'FROM alpine\nADD https://example.com/server.key /etc/ssl/\n'],
    ['a here-document', 'FROM alpine\nCOPY <<EOF /app/.env\nPORT=80\nEOF\n'],
    ['a directory merely named like a key file', 'FROM alpine\nCOPY keys/ /app/keys/\n'],
    ['a .key file copied to a .pub destination', 'FROM alpine\nCOPY nginx_signing.key /etc/apk/keys/nginx_signing.rsa.pub\n'],
    ['a .key file copied into the apk keys directory', 'FROM alpine\nCOPY repo.key /etc/apk/keys/\n'],
    ['a .pem file copied into the CA store', 'FROM debian\nCOPY corp.pem /usr/local/share/ca-certificates/corp.crt\n'],
    ['a key copied into a keyring by the JSON form', 'FROM debian\nCOPY ["vendor.key", "/usr/share/keyrings/vendor.gpg"]\n'],
    ['authorized_keys from the .ssh directory', 'FROM alpine\nCOPY .ssh/authorized_keys /root/.ssh/authorized_keys\n'],
    ['known_hosts from the .ssh directory', 'FROM alpine\nCOPY .ssh/known_hosts /root/.ssh/\n'],
    ['a public key under .ssh', 'FROM alpine\nCOPY ~/.ssh/id_ed25519.pub /root/.ssh/\n'],
    ['a private-key name copied to authorized_keys', 'FROM alpine\nCOPY keys/id_rsa /home/git/.ssh/authorized_keys\n']
  ])('does not fire on %s', (_name, text) => {
    expect(dockerfile('DF007', text)).toEqual([])
  })

  it('names the file and what it holds', () => {
    const [finding] = findingsOf('DF007', { Dockerfile: 'FROM alpine\nCOPY id_rsa /root/.ssh/\n' })
    expect(finding.message).toContain('COPY "id_rsa" puts an SSH private key into the image')
  })
})
