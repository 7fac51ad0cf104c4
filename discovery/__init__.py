"""How the site is found and followed by tools nobody here wrote: `/robots.txt`, `/sitemap.xml`
(Django's sitemaps framework, every public page in every language with its hreflang alternates),
Atom feeds of what is published (Django's syndication framework), and what every page's head
says about itself (its canonical address, Open Graph tags, feed links, JSON-LD)."""
