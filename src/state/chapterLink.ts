/** The link to a chapter: the current address with `chapter` set, every other setting kept (a shared link opens the same view). */
export function chapterHref(slug: string): string {
  const params = new URLSearchParams(window.location.search);
  params.set('chapter', slug);
  return `?${params.toString()}`;
}
