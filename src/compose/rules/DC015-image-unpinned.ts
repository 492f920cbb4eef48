import { ownDefinitions, quote, type ComposeRule } from '../rule.js'
import { pinningOf, pulledImage } from '../images.js'

export const DC015: ComposeRule = {
  id: 'DC015',
  slug: 'image-unpinned',
  title: 'Image not pinned to a version',
  severity: 'medium',
  principles: ['P3'],
  rationale: 'An image without a tag, or with a floating one (latest, stable, edge…), is whatever the registry serves today: untested code, silently.',
  fix: 'Pin a version tag (and a digest: `image: postgres:16.4@sha256:…`).',
  equivalents: { dclint: ['service-image-require-explicit-tag'], cis: ['4.2', '5.28'] },
  check(project, report) {
    for (const { view, service } of ownDefinitions(project)) {
      const image = pulledImage(view, service.image)
      if (!image) continue
      const pinning = pinningOf(image.name)
      if (pinning !== 'missing' && pinning !== 'floating') continue
      const what = pinning === 'missing' ? 'has no tag (it means "latest")' : `uses the floating tag "${image.name.tag}"`
      report(
        image.text.span,
        `Service "${service.name}" image ${quote(image.text.raw)} ${what}: each pull may bring different, untested code. Pin a version tag, ideally with its digest.`
      )
    }
  }
}
