import { unwrap, type Command } from '../shell/analyze.js'
import { parseArgs } from './command-line.js'

/**
 * Commands that check downloaded content: a checksum compared (`sha256sum -c`, or its output
 * consumed by a pipe or a substitution: `[ "$(sha256sum f | cut -d' ' -f1)" = "$SUM" ]`), or a
 * signature verified (`gpg --verify`, `gpgv`, `cosign verify-blob`, `minisign -V`, `openssl dgst -verify`).
 */
const CHECKSUMS = /^(?:sha(?:1|224|256|384|512)sum|md5sum|b2sum|b3sum|shasum|cksum|xxhsum|rhash)$/

export function isVerification(command: Command): boolean {
  const runner = unwrap(command)
  const args = runner.args.map((a) => a.value)
  if (CHECKSUMS.test(runner.program)) {
    const parsed = parseArgs(runner.args, { valued: ['-a', '--algorithm'] })
    const checks = parsed.options.some((o) => o.name === '-c' || o.name === '--check' || o.name === '--status')
    const consumed = command.substitution === 'command' || isPiped(command)
    return checks || consumed
  }
  switch (runner.program) {
    case 'gpg':
    case 'gpg2':
      return args.some((a) => a === '--verify' || a === '--verify-files')
    case 'gpgv':
    case 'gpgv2':
      return true
    case 'cosign':
      return /^verify/.test(args.find((a) => !a.startsWith('-')) ?? '')
    case 'minisign':
    case 'signify':
      return args.some((a) => /^-[A-Za-z]*V/.test(a))
    case 'openssl':
      return args[0] === 'dgst' && args.some((a) => a === '-verify' || a === '-prverify')
    case 'rpm':
      return args.some((a) => a === '-K' || a === '--checksig')
    default:
      return false
  }
}

/** Its output feeds a later stage: `sha256sum f | grep -q "$SUM"`. */
function isPiped(command: Command): boolean {
  const stages = command.pipeline?.commands ?? []
  const index = stages.indexOf(command)
  return index >= 0 && index < stages.length - 1
}
