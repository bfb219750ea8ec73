"""The rule tables, one module per bulletin section: which phrases name a subject
(production, exports, profits, prices, investment, regions, old-layout sub-industries) and
which phrases hold a measured figure (``measures``). ``base`` defines their shapes; the
scanner (``loaders.bulletin.scanner``) joins them and the reader applies them."""
