import { readFileSync, readdirSync } from 'node:fs'
import { join, relative } from 'node:path'
import ts from 'typescript'

/**
 * Every regular expression in src/, found with the TypeScript compiler (not by grepping): regex literals,
 * `new RegExp(...)` / `RegExp(...)` calls, and the strings that `match`, `matchAll` and `search` turn into
 * a RegExp when handed one (String.prototype.match(string) compiles the string as a pattern).
 *
 * A construction whose pattern and flags are literals is `static` (its source and flags are known here);
 * any other is `dynamic`, identified by its file, the enclosing function and the text of the expression,
 * so that the allow-list does not break when lines move. src/ holds no other script (its one `.cjs` file
 * re-exports web-tree-sitter); the regexes of dependencies are not ours to check here.
 */
export interface StaticRegex {
  kind: 'static'
  file: string
  line: number
  column: number
  source: string
  flags: string
  /** How it is written: `literal`, `constructor` (new RegExp('…')) or `implicit` ('…' passed to match/search). */
  form: 'literal' | 'constructor' | 'implicit'
}

export interface DynamicRegex {
  kind: 'dynamic'
  file: string
  line: number
  column: number
  /** `file#function: expression`, the key the allow-list uses. */
  key: string
}

export type FoundRegex = StaticRegex | DynamicRegex

export const ROOT = join(import.meta.dirname, '..', '..')
const SRC = join(ROOT, 'src')

export function sourceFiles(dir = SRC): string[] {
  const out: string[] = []
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) out.push(...sourceFiles(path))
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(path)
  }
  return out.sort()
}

/** Finds the regular expressions of the given files (by default every .ts file under src/). */
export function findRegexes(files = sourceFiles()): FoundRegex[] {
  const found: FoundRegex[] = []
  for (const path of files) {
    const sourceFile = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS)
    const regexConstants = regexConstantsOf(sourceFile)
    const file = relative(ROOT, path).split('\\').join('/')
    const at = (node: ts.Node): { line: number; column: number } => {
      const { line, character } = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile))
      return { line: line + 1, column: character + 1 }
    }
    const dynamic = (node: ts.Node): DynamicRegex => ({
      kind: 'dynamic',
      file,
      ...at(node),
      key: `${file}#${enclosingName(node)}: ${node.getText(sourceFile).split(/\s+/).join(' ')}`.slice(0, 300)
    })
    const visit = (node: ts.Node): void => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const text = node.getText(sourceFile)
        const slash = text.lastIndexOf('/')
        found.push({ kind: 'static', file, ...at(node), source: text.slice(1, slash), flags: text.slice(slash + 1), form: 'literal' })
      } else if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && isRegExpCallee(node.expression)) {
        const args = node.arguments ?? []
        const pattern = args[0]
        const flags = args[1]
        if (pattern && ts.isRegularExpressionLiteral(pattern) && flags === undefined) {
          // new RegExp(/x/): a copy of the literal, which is visited (and checked) on its own.
        } else if (pattern && isStringLiteral(pattern) && (flags === undefined || isStringLiteral(flags))) {
          found.push({ kind: 'static', file, ...at(node), source: pattern.text, flags: flags && isStringLiteral(flags) ? flags.text : '', form: 'constructor' })
        } else {
          found.push(dynamic(node))
        }
      } else if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && IMPLICIT.has(node.expression.name.text)) {
        // text.match(pattern): a pattern that is not a RegExp is compiled with new RegExp(pattern) (ECMA-262
        // String.prototype.match / matchAll / search). Without types, any argument not known to be a RegExp
        // (a regex literal, or a constant of this file holding one) counts: a string literal is checked, the rest
        // must be allow-listed.
        const pattern = node.arguments[0]
        const name = node.expression.name.text
        if (pattern && !isKnownRegex(pattern, regexConstants)) {
          if (isStringLiteral(pattern)) {
            found.push({ kind: 'static', file, ...at(pattern), source: pattern.text, flags: name === 'matchAll' ? 'g' : '', form: 'implicit' })
          } else {
            found.push(dynamic(node))
          }
        }
      }
      ts.forEachChild(node, visit)
    }
    visit(sourceFile)
  }
  return found
}

const IMPLICIT = new Set(['match', 'matchAll', 'search'])

function isRegExpCallee(expression: ts.Expression): boolean {
  if (ts.isIdentifier(expression)) return expression.text === 'RegExp'
  if (ts.isPropertyAccessExpression(expression)) return expression.name.text === 'RegExp'
  return false
}

function isStringLiteral(node: ts.Node): node is ts.StringLiteral | ts.NoSubstitutionTemplateLiteral {
  return ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)
}

/** A regex literal, a RegExp construction, a choice between them, or an identifier naming a constant of the file that holds one. */
function isKnownRegex(node: ts.Expression, constants: Set<string>): boolean {
  if (ts.isRegularExpressionLiteral(node)) return true
  if (ts.isParenthesizedExpression(node)) return isKnownRegex(node.expression, constants)
  if (ts.isConditionalExpression(node)) return isKnownRegex(node.whenTrue, constants) && isKnownRegex(node.whenFalse, constants)
  if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && isRegExpCallee(node.expression)) return true
  return ts.isIdentifier(node) && constants.has(node.text)
}

/** The `const` names of a file bound to a regex literal or a RegExp construction. */
function regexConstantsOf(sourceFile: ts.SourceFile): Set<string> {
  const names = new Set<string>()
  const visit = (node: ts.Node): void => {
    if (
      ts.isVariableDeclaration(node) &&
      ts.isIdentifier(node.name) &&
      ts.isVariableDeclarationList(node.parent) &&
      node.parent.flags & ts.NodeFlags.Const &&
      node.initializer &&
      isKnownRegex(node.initializer, new Set())
    ) {
      names.add(node.name.text)
    }
    ts.forEachChild(node, visit)
  }
  visit(sourceFile)
  return names
}

/** The name of the function, method or variable a node sits in, for allow-list keys that survive moved lines. */
function enclosingName(node: ts.Node): string {
  for (let up: ts.Node | undefined = node.parent; up; up = up.parent) {
    if ((ts.isFunctionDeclaration(up) || ts.isMethodDeclaration(up) || ts.isClassDeclaration(up)) && up.name) return up.name.getText()
    if (ts.isVariableDeclaration(up) && ts.isIdentifier(up.name)) return up.name.text
    if (ts.isPropertyAssignment(up)) return up.name.getText()
  }
  return '(top level)'
}
