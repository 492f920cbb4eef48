import type { Workspace } from '../../core/workspace.js'
import { joinPath } from '../../core/workspace.js'
import { isLiteralValue } from '../../core/secrets.js'
import { copiesFromElsewhere, copyArguments, type PathArgument } from '../arguments.js'
import { contextDirectory } from '../copied-files.js'
import type { DockerfileModel } from '../model.js'
import type { DockerfileRule } from '../rule.js'
import { trimEndOf } from '../../core/text.js'

export const DF007: DockerfileRule = {
  id: 'DF007',
  slug: 'secret-file-in-image',
  title: 'Credential file copied into the image',
  severity: 'high',
  principles: ['S'],
  rationale:
    'A file copied into an image stays in its layer even when a later step deletes it: anyone who can pull the image can read it.',
  fix: 'Keep credential files out of the image: mount them for the one step that needs them (RUN --mount=type=secret or type=ssh), and list them in .dockerignore.',
  equivalents: { trivy: ['DS-0031'], kics: ['a88baa34-e2ad-44ea-ad6f-8cac87bc7c71'], cis: ['4.10'] },
  check(model, report, context) {
    for (const instruction of model.instructions) {
      if ((instruction.keyword !== 'COPY' && instruction.keyword !== 'ADD') || copiesFromElsewhere(instruction)) continue
      const { sources, destination } = copyArguments(model, instruction)
      for (const source of sources) {
        if (source.heredoc || isRemote(source.value)) continue
        const target = destination && destinationOf(source.value, destination.value, sources.length)
        const kind = credentialKind(source.value, () => readSource(model, source, context.workspace), target)
        if (!kind) continue
        report(
          source.range,
          `${instruction.keyword} "${source.value}" puts ${kind} into the image: layers keep every file, so anyone who can pull the image can read it, even after a later step deletes it. Mount it only for the step that needs it (RUN --mount=type=secret or type=ssh) and list it in .dockerignore.`,
          { snippet: `${instruction.keyword} ${source.value}` }
        )
      }
    }
  }
}

function isRemote(source: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(source) || source.startsWith('git@')
}

/**
 * Where a source lands: the destination itself for one source copied to a path without a trailing `/`,
 * else the source's name inside the destination directory.
 */
export function destinationOf(source: string, destination: string, sourceCount: number): string {
  const name = trimEndOf(source, '/').split('/').pop() ?? ''
  if (sourceCount === 1 && !destination.endsWith('/') && !/[*?[]/.test(source)) return destination
  return `${trimEndOf(destination, '/')}/${name}`
}

function readSource(model: DockerfileModel, source: PathArgument, workspace: Workspace): string | undefined {
  const path = joinPath(contextDirectory(model), source.value)
  return path === undefined ? undefined : workspace.read(path)
}

/** Directories that hold nothing but credentials. */
const CREDENTIAL_DIRECTORIES: Record<string, string> = {
  '.ssh': 'an SSH directory (private keys)',
  '.aws': 'AWS credentials',
  '.gnupg': 'a GnuPG keyring',
  '.kube': 'a Kubernetes config (cluster credentials)'
}

/** Files that exist only to hold credentials. */
const CREDENTIAL_FILES: Record<string, string> = {
  '.netrc': 'a .netrc (login passwords)',
  _netrc: 'a _netrc (login passwords)',
  '.git-credentials': 'Git credentials',
  '.pgpass': 'a PostgreSQL password file',
  '.vault-token': 'a Vault token',
  'credentials.json': 'a credentials file'
}

/** Files in `.ssh/` that hold public material only: public keys, the keys allowed to log in, the host keys known. */
const PUBLIC_SSH_FILE = /^(?:authorized_keys2?|known_hosts2?)(?:\.old)?$|\.pub$/

/**
 * Destinations that only ever hold public material: a name ending `.pub`/`.crt`/`.asc`, the SSH files
 * above, and the trust stores of package managers and of the system CA bundle.
 */
const PUBLIC_DESTINATION_NAME = /\.(?:pub|crt|cer|asc)$|^(?:authorized_keys2?|known_hosts2?)$/
const PUBLIC_DESTINATION_DIRECTORY =
  /^\/(?:etc\/apk\/keys|usr\/share\/keyrings|etc\/apt\/keyrings|etc\/apt\/trusted\.gpg\.d|etc\/pki\/rpm-gpg|usr\/local\/share\/ca-certificates|usr\/share\/ca-certificates|etc\/ssl\/certs|etc\/pki\/ca-trust\/source\/anchors)(?:\/|$)/

/** The destination says the file is public material (a key copied to `/etc/apk/keys/x.rsa.pub`). */
export function isPublicDestination(destination: string | undefined): boolean {
  if (destination === undefined) return false
  const path = destination.replace(/\\/g, '/').replace(/\/{2,}/g, '/')
  const name = (path.split('/').pop() ?? '').toLowerCase()
  return PUBLIC_DESTINATION_NAME.test(name) || PUBLIC_DESTINATION_DIRECTORY.test(path.slice(0, path.lastIndexOf('/') + 1))
}

/** Template copies of `.env` that hold placeholders, not values. */
const ENV_TEMPLATES = new Set(['example', 'sample', 'template', 'tmpl', 'dist', 'defaults', 'schema', 'test'])

/**
 * What credential a COPY source names, or undefined. `read` gives the file's content when the repository
 * has it: certificates named `.pem` and `.npmrc` files that only reference `${NPM_TOKEN}` are not secrets.
 * `destination` is where the file lands: a key file copied to a public key's place (`x.rsa.pub`,
 * `/usr/share/keyrings/`) is a public key unless its content says otherwise.
 */
export function credentialKind(source: string, read: () => string | undefined, destination?: string): string | undefined {
  const parts = source.replace(/\\/g, '/').split('/').filter((p) => p !== '' && p !== '.' && p !== '~')
  const name = parts[parts.length - 1] ?? ''
  const lower = name.toLowerCase()
  if (PUBLIC_SSH_FILE.test(lower)) return undefined
  // Asked only of key-like names: a COPY of thousands of sources must not test every destination.
  const publicDestination = (): boolean => isPublicDestination(destination)
  for (let i = 0; i < parts.length; i++) {
    const directory = CREDENTIAL_DIRECTORIES[parts[i].toLowerCase()]
    if (directory) return directory
    if (parts[i] === '.docker' && (i === parts.length - 1 || parts[i + 1] === 'config.json')) return 'Docker registry credentials'
  }
  if (/^id_(?:rsa|dsa|ecdsa|ed25519)(?:_sk)?(?:$|[.*?[])/.test(lower)) return publicDestination() ? undefined : 'an SSH private key'
  if (CREDENTIAL_FILES[lower]) return CREDENTIAL_FILES[lower]
  if (lower.endsWith('-credentials.json') || (lower.startsWith('client_secret') && lower.endsWith('.json'))) return 'a credentials file'
  if (lower.startsWith('kubeconfig')) return 'a Kubernetes config (cluster credentials)'
  if (isEnvFile(lower)) return 'an environment file (.env) with its secrets'
  return keyFileKind(lower, read, publicDestination) ?? registryConfigKind(lower, read)
}

function isEnvFile(name: string): boolean {
  if (name === '.env' || /^\.env[*?[]/.test(name)) return true
  if (!name.startsWith('.env.')) return false
  return !name.slice(5).split('.').some((part) => ENV_TEMPLATES.has(part))
}

/**
 * Name parts of `.pem`/`.key` files that hold public material: certificates and chains, Diffie-Hellman
 * parameters (`ffdhe4096.pem`, `dhparam.pem`), public keys and package signing keys (`nodesource.gpg.key`).
 */
const PUBLIC_MATERIAL = /^(?:certs?|certificates?|crt|ca|cacerts?|chain|fullchain|bundle|root|intermediate|dh|dhparams?|ffdhe\d*|pub|public|pubkey|gpg|pgp|asc|apt|repo|signing|release|archive|keyring)$/

/**
 * `.pem` and `.key` files are private keys unless the repository's file holds only certificates or public
 * keys, or, when it cannot be read, its name or its destination says it holds public material.
 */
function keyFileKind(name: string, read: () => string | undefined, publicDestination: () => boolean): string | undefined {
  const extension = name.slice(name.lastIndexOf('.') + 1)
  if (extension === 'p12' || extension === 'pfx') return 'a PKCS#12 key store (private key)'
  if (extension === 'ppk') return 'a PuTTY private key'
  if (extension !== 'pem' && extension !== 'key') return undefined
  const text = /[*?[]/.test(name) ? undefined : read()
  if (text !== undefined) {
    const head = text.slice(0, 1024 * 1024)
    return !head.includes('-----BEGIN') || /-----BEGIN [A-Z0-9 ]{0,24}PRIVATE KEY/.test(head) ? 'a private key' : undefined
  }
  if (publicDestination()) return undefined
  const parts = name.slice(0, name.lastIndexOf('.')).split(/[-_.]/)
  return parts.some((part) => PUBLIC_MATERIAL.test(part)) ? undefined : 'a private key'
}

/** `.npmrc` and `.pypirc` are secrets when they hold a literal token or password (not `${NPM_TOKEN}`). */
function registryConfigKind(name: string, read: () => string | undefined): string | undefined {
  if (name !== '.npmrc' && name !== '.pypirc') return undefined
  const kind = name === '.npmrc' ? 'an .npmrc (registry token)' : 'a .pypirc (registry password)'
  const text = read()
  if (text === undefined) return kind
  return hasLiteralCredential(text) ? kind : undefined
}

/** An ini line `_authToken=…`, `//registry/:_password=…`, `password = …` with a literal value. */
function hasLiteralCredential(text: string): boolean {
  for (const line of text.split('\n').slice(0, 10000)) {
    const eq = line.indexOf('=')
    if (eq < 0 || /^\s*[#;]/.test(line)) continue
    const key = line.slice(0, eq).trim().toLowerCase()
    if (/(?:^|[:_])(?:_?auth|_?authtoken|_?password|token)$/.test(key) && isLiteralValue(line.slice(eq + 1))) return true
  }
  return false
}
