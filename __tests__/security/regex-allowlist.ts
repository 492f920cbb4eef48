/**
 * The regular expressions of src/ that recheck cannot prove linear, each with the reason it is.
 * Both lists are ratchets (__tests__/security/regex-linear.test.ts): an entry must match an expression
 * that exists and still needs it, and an expression that needs an entry fails the test until it has one.
 */

/** RegExps built at run time (`new RegExp(x)`, `text.match(x)` with a string `x`): key → why it is linear. */
export const DYNAMIC: Record<string, string> = {}

/**
 * Static expressions the automaton checker cannot analyse (look-around, back-references), which recheck's
 * fuzzer found no attack for. `/source/flags` → why it is linear.
 */
export const UNPROVEN: Record<string, string> = {
  '/^(["\'])(.*)\\1$/':
    'Anchored at both ends with one greedy `.*`: the back-reference is compared once per split point, and only the split leaving one character can succeed; the engine tries at most n splits of at most one character each.',
  '/^0+(?=\\d{4})/':
    'Anchored; `0+` backtracks at most n times and the look-ahead reads at most 4 characters each time: O(n). Mode strings are a few characters anyway.'
}
