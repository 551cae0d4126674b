{% load i18n static %}<?xml version="1.0" encoding="utf-8"?>
<!-- Shows an RSS feed opened in a browser as a page that explains it; feed readers ignore this. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="html" encoding="utf-8" doctype-system="about:legacy-compat"/>
  <xsl:template match="/">
    <html lang="sv">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="rss/channel/title"/> – {% translate "RSS-flöde" %}</title>
        <link rel="stylesheet" href="{% static 'css/site.css' %}"/>
      </head>
      <body>
        <main id="innehall" class="wrap wrap--narrow">
          <div class="notice feed-notice">
            <p><strong>{% translate "Det här är ett RSS-flöde." %}</strong> {% translate "Ett flöde är till för en flödesläsare (RSS-läsare), ett program eller en app som hämtar nya inlägg åt dig, så att du slipper gå in på webbplatsen för att se om något är nytt." %}</p>
            <p>{% translate "Så prenumererar du: kopiera adressen i webbläsarens adressfält och lägg till den i din flödesläsare. Många e-postprogram och nyhetsappar kan också läsa flöden." %}</p>
            <p>{% translate "Vill du hellre få e-post eller lägga in kalendern i din kalenderapp?" %} <a href="{% url 'subscribe' %}">{% translate "Se alla sätt att prenumerera" %}</a></p>
          </div>
          <header class="page-header">
            <h1><xsl:value-of select="rss/channel/title"/></h1>
            <p class="lead"><xsl:value-of select="rss/channel/description"/></p>
            <p><a href="{{ '{' }}rss/channel/link{{ '}' }}">{% translate "Till webbplatsen" %}</a></p>
          </header>
          <h2>{% translate "Senaste inläggen" %}</h2>
          <xsl:choose>
            <xsl:when test="rss/channel/item">
              <ul class="feed-items">
                <xsl:for-each select="rss/channel/item">
                  <li>
                    <h3><a href="{{ '{' }}link{{ '}' }}"><xsl:value-of select="title"/></a></h3>
                    <p class="meta"><xsl:value-of select="substring(pubDate, 6, 11)"/></p>
                    <p><xsl:value-of select="description"/></p>
                  </li>
                </xsl:for-each>
              </ul>
            </xsl:when>
            <xsl:otherwise><p>{% translate "Flödet har inga inlägg ännu." %}</p></xsl:otherwise>
          </xsl:choose>
        </main>
      </body>
    </html>
  </xsl:template>
</xsl:stylesheet>
