"""A real SAML 2.0 identity provider for tests: pysaml2's IdP (``saml2.server.Server``) behind a
small WSGI app, run as a second server process (``server.start()``). It stands for an
institute's identity provider: its people sign in with a password on its own page, and it posts
a signed assertion (or, for a person the test marks so, a failed status) to the product's ACS.
Its signing key and certificate are generated when it starts; pysaml2 signs with the xmlsec1
program (Debian's xmlsec1 package)."""
