import { baseName, unwrap, type Command, type Invocation, type Word } from '../shell/analyze.js'
import { hasOption, normalizePath, optionValues, parseArgs, type ParsedArgs } from './command-line.js'
import { parseUrl, remoteFileName } from './urls.js'
import { trimEndOf } from '../core/text.js'

/**
 * What a download command fetches and where the content goes: to standard output (for a pipe or a
 * substitution) or to files. Knows curl, wget, BSD fetch, aria2c and HTTPie.
 */
export interface Download {
  command: Command
  invocation: Invocation
  /** The URL operands, as written. */
  urls: Word[]
  /** The content goes to standard output. */
  toStdout: boolean
  /** Files the content is saved to, normalised (`./x` is `x`). */
  savedTo: string[]
}

/** Short and long options of curl that take a value (curl 8). Everything else is a flag. */
export const CURL_VALUED = [
  '-A', '-b', '-c', '-C', '-d', '-D', '-e', '-E', '-F', '-H', '-K', '-m', '-o', '-P', '-Q', '-r', '-t', '-T', '-u', '-U',
  '-w', '-x', '-X', '-y', '-Y', '-z',
  '--abstract-unix-socket', '--alt-svc', '--aws-sigv4', '--cacert', '--capath', '--cert', '--cert-type', '--ciphers',
  '--config', '--connect-timeout', '--connect-to', '--continue-at', '--cookie', '--cookie-jar', '--create-file-mode',
  '--curves', '--data', '--data-ascii', '--data-binary', '--data-raw', '--data-urlencode', '--delegation',
  '--dns-interface', '--dns-ipv4-addr', '--dns-ipv6-addr', '--dns-servers', '--doh-url', '--dump-header',
  '--etag-compare', '--etag-save', '--expect100-timeout', '--form', '--form-string', '--ftp-account',
  '--ftp-alternative-to-user', '--ftp-method', '--ftp-port', '--ftp-ssl-ccc-mode', '--happy-eyeballs-timeout-ms',
  '--header', '--hostpubmd5', '--hostpubsha256', '--hsts', '--interface', '--ipfs-gateway', '--json',
  '--keepalive-time', '--key', '--key-type', '--krb', '--libcurl', '--limit-rate', '--local-port', '--login-options',
  '--mail-auth', '--mail-from', '--mail-rcpt', '--max-filesize', '--max-redirs', '--max-time', '--netrc-file',
  '--noproxy', '--oauth2-bearer', '--output', '--output-dir', '--parallel-max', '--pass', '--pinnedpubkey',
  '--preproxy', '--proto', '--proto-default', '--proto-redir', '--proxy', '--proxy-cacert', '--proxy-capath',
  '--proxy-cert', '--proxy-cert-type', '--proxy-ciphers', '--proxy-header', '--proxy-key', '--proxy-key-type',
  '--proxy-pass', '--proxy-pinnedpubkey', '--proxy-service-name', '--proxy-tls13-ciphers', '--proxy-tlsauthtype',
  '--proxy-tlspassword', '--proxy-tlsuser', '--proxy-user', '--proxy1.0', '--pubkey', '--quote', '--random-file',
  '--range', '--rate', '--referer', '--request', '--request-target', '--resolve', '--retry', '--retry-delay',
  '--retry-max-time', '--sasl-authzid', '--service-name', '--socks4', '--socks4a', '--socks5', '--socks5-gssapi-service',
  '--socks5-hostname', '--speed-limit', '--speed-time', '--stderr', '--telnet-option', '--tftp-blksize', '--time-cond',
  '--tls-max', '--tls13-ciphers', '--tlsauthtype', '--tlspassword', '--tlsuser', '--trace', '--trace-ascii',
  '--trace-config', '--unix-socket', '--upload-file', '--url', '--url-query', '--user', '--user-agent', '--variable',
  '--write-out'
]

export const WGET_VALUED = [
  '-O', '-o', '-a', '-e', '-P', '-t', '-T', '-w', '-U', '-i', '-B', '-l', '-A', '-R', '-D', '-I', '-X', '-Q',
  '--output-document', '--output-file', '--append-output', '--execute', '--directory-prefix', '--tries', '--timeout',
  '--wait', '--user-agent', '--input-file', '--base', '--level', '--accept', '--reject', '--domains', '--include-directories',
  '--exclude-directories', '--quota', '--header', '--referer', '--user', '--password', '--http-user', '--http-password',
  '--ca-certificate', '--ca-directory', '--certificate', '--private-key', '--post-data', '--post-file', '--method',
  '--body-data', '--body-file', '--limit-rate', '--bind-address', '--dns-timeout', '--connect-timeout', '--read-timeout',
  '--waitretry', '--load-cookies', '--save-cookies', '--progress', '--proxy-user', '--proxy-password', '--secure-protocol',
  '--ciphers', '--cut-dirs', '--default-page', '--local-encoding', '--remote-encoding', '--restrict-file-names',
  '--max-redirect', '--config', '--rejected-log', '--use-askpass', '--hsts-file', '--pinnedpubkey', '--report-speed'
]

const FETCH_VALUED = ['-o', '-B', '-i', '-N', '-S', '-T', '-w', '--output', '--buffer-size', '--timeout']
const ARIA2C_VALUED = ['-o', '-d', '-i', '-x', '-s', '-k', '-j', '--out', '--dir', '--input-file', '--checksum', '--max-connection-per-server', '--split']
const HTTPIE_VALUED = ['-o', '-a', '-A', '-v', '--output', '--auth', '--auth-type', '--session', '--session-read-only', '--verify', '--cert', '--cert-key', '--timeout', '--proxy', '--print', '--pretty', '--style', '--format-options']

/** Programs that fetch a URL. */
export const DOWNLOADERS = new Set(['curl', 'wget', 'fetch', 'aria2c', 'http', 'https', 'xh', 'xhs'])

/** A download command, unwrapped from sudo/env/busybox; undefined for anything else. */
export function downloadOf(command: Command): Download | undefined {
  const invocation = busyboxApplet(unwrap(command))
  if (!DOWNLOADERS.has(invocation.program)) return undefined
  switch (invocation.program) {
    case 'curl':
      return curl(command, invocation)
    case 'wget':
      return wget(command, invocation)
    case 'fetch':
      return savedOrStdout(command, invocation, parseArgs(invocation.args, { valued: FETCH_VALUED }), ['-o', '--output'])
    case 'aria2c':
      return aria2c(command, invocation)
    default:
      return httpie(command, invocation)
  }
}

/** `busybox wget …` runs the wget applet. */
export function busyboxApplet(invocation: Invocation): Invocation {
  if (invocation.program !== 'busybox' || invocation.args.length === 0) return invocation
  const [name, ...args] = invocation.args
  return { program: baseName(name.value), name, args }
}

function urlOperands(parsed: ParsedArgs, extra: Word[] = []): Word[] {
  return [...parsed.operands, ...extra].filter((w) => parseUrl(w.value) !== undefined || !w.value.startsWith('-'))
}

function curl(command: Command, invocation: Invocation): Download {
  const parsed = parseArgs(invocation.args, { valued: CURL_VALUED })
  const urls = urlOperands(parsed, optionValues(parsed, ['--url']))
  const outputs = optionValues(parsed, ['-o', '--output']).map((w) => w.value)
  const remoteName = hasOption(parsed, ['-O', '--remote-name', '--remote-name-all'])
  const dir = optionValues(parsed, ['--output-dir'])[0]?.value
  const savedTo = outputs.filter((o) => o !== '-')
  if (remoteName) for (const url of urls) addRemoteName(savedTo, url.value)
  const toStdout = outputs.includes('-') || (outputs.length === 0 && !remoteName)
  return { command, invocation, urls, toStdout, savedTo: savedTo.map((p) => normalizePath(withDir(p, dir))) }
}

function wget(command: Command, invocation: Invocation): Download {
  const parsed = parseArgs(invocation.args, { valued: WGET_VALUED })
  const urls = urlOperands(parsed)
  const documents = optionValues(parsed, ['-O', '--output-document']).map((w) => w.value)
  const dir = optionValues(parsed, ['-P', '--directory-prefix'])[0]?.value
  const toStdout = documents.some((d) => d === '-' || d === '/dev/stdout')
  const savedTo = documents.filter((d) => d !== '-' && d !== '/dev/stdout')
  if (documents.length === 0) for (const url of urls) addRemoteName(savedTo, url.value)
  return { command, invocation, urls, toStdout, savedTo: savedTo.map((p) => normalizePath(documents.length ? p : withDir(p, dir))) }
}

function aria2c(command: Command, invocation: Invocation): Download {
  const parsed = parseArgs(invocation.args, { valued: ARIA2C_VALUED })
  const urls = urlOperands(parsed)
  const dir = optionValues(parsed, ['-d', '--dir'])[0]?.value
  const savedTo = optionValues(parsed, ['-o', '--out']).map((w) => w.value)
  if (savedTo.length === 0) for (const url of urls) addRemoteName(savedTo, url.value)
  return { command, invocation, urls, toStdout: false, savedTo: savedTo.map((p) => normalizePath(withDir(p, dir))) }
}

function httpie(command: Command, invocation: Invocation): Download {
  const parsed = parseArgs(invocation.args, { valued: HTTPIE_VALUED })
  const download = hasOption(parsed, ['-d', '--download'])
  const outputs = optionValues(parsed, ['-o', '--output']).map((w) => w.value)
  const urls = parsed.operands.slice(0, 2).filter((w) => parseUrl(w.value) !== undefined)
  return { command, invocation, urls, toStdout: !download && outputs.length === 0, savedTo: outputs.map(normalizePath) }
}

function savedOrStdout(command: Command, invocation: Invocation, parsed: ParsedArgs, outputNames: string[]): Download {
  const outputs = optionValues(parsed, outputNames).map((w) => w.value)
  const urls = urlOperands(parsed)
  const savedTo = outputs.filter((o) => o !== '-')
  if (outputs.length === 0) for (const url of urls) addRemoteName(savedTo, url.value)
  return { command, invocation, urls, toStdout: outputs.includes('-'), savedTo: savedTo.map(normalizePath) }
}

function addRemoteName(into: string[], url: string): void {
  const name = remoteFileName(url)
  if (name) into.push(name)
}

function withDir(path: string, dir: string | undefined): string {
  if (!dir || path.startsWith('/')) return path
  return `${trimEndOf(dir, '/')}/${path}`
}
