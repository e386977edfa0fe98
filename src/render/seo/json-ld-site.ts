import type { ImageObject, NewsMediaOrganization, Person, WebSite } from 'schema-dts';
import type { Site } from '../../collections/types.js';
import type { Author } from '../../validate/types.js';
import { absolute, jpegNear, localized } from '../../emit/urls.js';
import { authorLabel } from '../../collections/labels.js';

/** Width of the logo file offered to structured data (Google wants at most 600 px wide). */
const LOGO_WIDTH = 600;

/** The publication's name in a language. */
export const siteName = (site: Site, lang: string): string => localized(site, site.config.name, lang);

/** A profile URL for a social handle as written in site.yaml or an author file. */
export function socialUrl(network: string, handle: string | undefined): string {
  if (!handle) return '';
  const hosts: Record<string, string> = { x: 'https://x.com/', facebook: 'https://www.facebook.com/', instagram: 'https://www.instagram.com/', youtube: 'https://www.youtube.com/@', telegram: 'https://t.me/' };
  return /^https?:/.test(handle) ? handle : (hosts[network] ?? '') + handle.replace(/^@/, '');
}

function logo(site: Site): ImageObject | undefined {
  const file = site.logo ? jpegNear(site.logo, LOGO_WIDTH) : undefined;
  return file ? { '@type': 'ImageObject', url: absolute(site, file.url), width: { '@type': 'QuantitativeValue', value: file.width }, height: { '@type': 'QuantitativeValue', value: file.height } } : undefined;
}

/** The publisher: name, home, logo, social profiles and the policy pages from site.yaml. */
export function publisher(site: Site, lang: string): NewsMediaOrganization {
  const p = site.config.policies;
  const org: Exclude<NewsMediaOrganization, string> = { '@type': 'NewsMediaOrganization', '@id': absolute(site, '/#publisher'), name: siteName(site, lang), url: absolute(site, '/') };
  const image = logo(site);
  if (image) org.logo = image;
  if (p.corrections) org.correctionsPolicy = absolute(site, p.corrections);
  if (p.ethics) org.ethicsPolicy = absolute(site, p.ethics);
  if (p.masthead) org.masthead = absolute(site, p.masthead);
  if (p.diversity) org.diversityPolicy = absolute(site, p.diversity);
  if (p.ownership) org.ownershipFundingInfo = absolute(site, p.ownership);
  if (p.about) org.publishingPrinciples = absolute(site, p.about);
  const sameAs = Object.entries(site.config.social).map(([k, v]) => socialUrl(k, v)).filter(Boolean);
  if (sameAs.length) org.sameAs = sameAs;
  return org;
}

/** A reference to the site as a whole, for `isPartOf`. */
export function websiteRef(site: Site, lang: string): WebSite {
  return { '@type': 'WebSite', '@id': absolute(site, '/#website'), name: siteName(site, lang), url: absolute(site, '/') };
}

/** An author as a schema.org Person with their page on this site. */
export function personOf(site: Site, author: Author, lang: string = site.config.language): Exclude<Person, string> {
  const person: Exclude<Person, string> = { '@type': 'Person', name: authorLabel(author, lang), url: absolute(site, `/authors/${author.id}/`) };
  if (author.role) person.jobTitle = author.role;
  return person;
}
