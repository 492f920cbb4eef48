// bottleneck/light.js (the build without Redis clustering that @octokit/plugin-throttling uses) has the
// main build's API and ships no declarations of its own.
declare module 'bottleneck/light.js' {
  import Bottleneck from 'bottleneck'
  export default Bottleneck
}
