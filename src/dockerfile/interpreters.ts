import { SHELLS, type Invocation, type Word } from '../shell/analyze.js'
import { busyboxApplet } from './downloads.js'

/**
 * Where a shell or a language interpreter takes the code it runs from: standard input
 * (`curl … | sh`), an inline string (`sh -c '…'`, `python -c '…'`), or a script file (`bash x.sh`).
 * `python -c 'import json,sys; …'` reads its standard input as data, not as code. `none`: the
 * options say it runs no code at all (`sh -n x.sh` only checks the syntax, `bash --version` prints).
 */
export type CodeSource =
  | { kind: 'stdin' }
  | { kind: 'inline'; word: Word }
  | { kind: 'file'; word: Word }
  | { kind: 'module' }
  | { kind: 'none'; option: Word }

interface InterpreterSpec {
  /** Options whose next word is inline code (`-c`, `-e`). */
  inline: string[]
  /** Letters of `inline` options that may close a cluster of flags (`perl -ne`); shells take `c` anywhere in one (`sh -ce`). */
  clusterInline: 'last' | 'anywhere' | 'never'
  /** Options that take a value that is not code. */
  valued: string[]
  /** Letters that take the next word as a value when they close a cluster (`bash -euo pipefail`). */
  clusterValued?: string
  /** Options that run a module instead of a script (`python -m pip`). */
  module?: string[]
  /** Option whose value is the script file (`php -f x.php`). */
  fileFlag?: string
  /** `-s`: read the script from standard input, and the operands are its arguments. */
  stdinFlag?: string
  /** After `--` come the arguments of a script read from standard input (`php -- --install-dir=x`). */
  argsAfterDashDash?: boolean
  /**
   * Options that make it run no code: a syntax check (`sh -n`, `ruby -c`, `php -l`, `node --check`),
   * a version or help text. Perl's `-c` is not one: it runs BEGIN and CHECK blocks.
   */
  noCode: string[]
  /** Letters of `noCode` options that count inside a cluster of flags (`sh -nx`). */
  clusterNoCode?: string
  /** `-o noexec` (shells): the value of an option that makes it run no code. */
  noCodeValues?: string[]
}

const SHELL_SPEC: InterpreterSpec = {
  inline: ['-c'],
  clusterInline: 'anywhere',
  valued: ['-o', '+o', '-O', '+O', '--rcfile', '--init-file'],
  clusterValued: 'oO',
  stdinFlag: '-s',
  noCode: ['-n', '--noexec', '--version', '--help'],
  clusterNoCode: 'n',
  noCodeValues: ['noexec']
}

const SPECS: Record<string, InterpreterSpec> = {
  python: { inline: ['-c'], clusterInline: 'last', valued: ['-W', '-X', '--check-hash-based-pycs'], module: ['-m'], noCode: ['-V', '--version', '-h', '--help'] },
  perl: { inline: ['-e', '-E'], clusterInline: 'last', valued: ['-I', '-M', '-m', '-x'], noCode: ['-v', '-V', '--version', '-h', '--help'] },
  ruby: { inline: ['-e'], clusterInline: 'last', valued: ['-r', '-I', '-C', '-E', '--encoding'], noCode: ['-c', '-v', '--version', '-h', '--help'], clusterNoCode: 'c' },
  node: {
    inline: ['-e', '--eval', '-p', '--print'],
    clusterInline: 'never',
    valued: ['-r', '--require', '--import', '--input-type', '--loader', '--experimental-loader', '--conditions', '-C'],
    noCode: ['-c', '--check', '-v', '--version', '-h', '--help']
  },
  php: {
    inline: ['-r', '-B', '-R', '-E'],
    clusterInline: 'never',
    valued: ['-d', '-c', '-z'],
    fileFlag: '-f',
    argsAfterDashDash: true,
    noCode: ['-l', '--syntax-check', '-v', '--version', '-h', '--help', '-m', '--modules', '-i', '--info']
  }
}

/** The interpreter family of a program name: `python3.12` is python, `nodejs` is node, `bash` is a shell. */
export function interpreterFamily(program: string): string | undefined {
  if (SHELLS.has(program) && program !== 'busybox') return 'shell'
  if (/^python[0-9.]{0,6}$/.test(program) || /^pypy[0-9.]{0,6}$/.test(program)) return 'python'
  if (/^perl[0-9.]{0,6}$/.test(program)) return 'perl'
  if (/^ruby[0-9.]{0,6}$/.test(program)) return 'ruby'
  if (program === 'node' || program === 'nodejs') return 'node'
  if (/^php[0-9.]{0,6}$/.test(program)) return 'php'
  return undefined
}

/** Where the interpreter a command finally runs takes its code from; undefined when it is no interpreter. */
export function codeSource(invocation: Invocation): CodeSource | undefined {
  const runner = busyboxApplet(invocation)
  const family = interpreterFamily(runner.program)
  if (!family) return undefined
  return readCode(runner.args, family === 'shell' ? SHELL_SPEC : SPECS[family])
}

function readCode(args: Word[], spec: InterpreterSpec): CodeSource {
  let inline = false
  let stdin = false
  for (let i = 0; i < args.length; i++) {
    const value = args[i].value
    const next = args[i + 1]
    if (runsNoCode(value, next, spec)) return { kind: 'none', option: args[i] }
    if (value === '--' || value === '-') {
      if (inline && next) return { kind: 'inline', word: next }
      const file = value === '--' && next && !stdin && !spec.argsAfterDashDash
      return file ? { kind: 'file', word: next } : { kind: 'stdin' }
    }
    if (spec.module?.includes(value)) return { kind: 'module' }
    if (value === spec.fileFlag && next) return { kind: 'file', word: next }
    if (spec.inline.includes(value) || clusterIsInline(value, spec)) {
      inline = true
      continue
    }
    if (spec.valued.includes(value) || clusterTakesValue(value, spec)) {
      i++
      continue
    }
    if (spec.stdinFlag && isCluster(value) && value.includes(spec.stdinFlag[1])) stdin = true
    if (/^[-+]/.test(value) && value.length > 1) continue
    if (inline) return { kind: 'inline', word: args[i] }
    return stdin ? { kind: 'stdin' } : { kind: 'file', word: args[i] }
  }
  return { kind: 'stdin' }
}

/** `-n`, `-nx`, `-o noexec`, `--version`: an option, before any operand, that makes it run nothing. */
function runsNoCode(value: string, next: Word | undefined, spec: InterpreterSpec): boolean {
  if (spec.noCode.includes(value)) return true
  if (spec.clusterNoCode && isCluster(value) && [...spec.clusterNoCode].some((l) => value.includes(l))) return true
  return (value === '-o' || clusterTakesValue(value, spec)) && next !== undefined && (spec.noCodeValues ?? []).includes(next.value)
}

function isCluster(value: string): boolean {
  return /^-[A-Za-z]{1,12}$/.test(value)
}

function clusterIsInline(value: string, spec: InterpreterSpec): boolean {
  if (spec.clusterInline === 'never' || !isCluster(value) || value.length < 3) return false
  const letters = spec.inline.filter((f) => f.length === 2).map((f) => f[1])
  return spec.clusterInline === 'anywhere'
    ? letters.some((l) => value.includes(l))
    : letters.some((l) => value.endsWith(l))
}

function clusterTakesValue(value: string, spec: InterpreterSpec): boolean {
  return spec.clusterValued !== undefined && isCluster(value) && value.length > 2 && spec.clusterValued.includes(value[value.length - 1])
}
