'use strict'
// The Action bundle's stand-in for the `undici` package (scripts/build.mjs maps `undici` here).
// @actions/http-client and @actions/github import undici for two things: ProxyAgent, used only when
// the runner sets a proxy, and fetch, called with that agent as `dispatcher` (or none). Bundled, undici
// is 40 % of dist/index.js, and V8 compiles and runs all of it at every start although a run without a
// proxy never needs it. So the real undici is a bundle of its own (dist/undici.cjs), loaded the first
// time a proxy is used; without one, requests go through Node's own fetch (which is undici as well).
let loaded
function undici() {
  if (loaded === undefined) loaded = require('./undici.cjs')
  return loaded
}

class ProxyAgent {
  constructor(...args) {
    const Real = undici().ProxyAgent
    return new Real(...args)
  }
}

function fetch(input, init) {
  return init !== undefined && init !== null && init.dispatcher !== undefined ? undici().fetch(input, init) : globalThis.fetch(input, init)
}

exports.ProxyAgent = ProxyAgent
exports.fetch = fetch
