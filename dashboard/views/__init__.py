"""The pages' own logic that is neither layout nor a figure: reading a page's query,
shaping its data, marking a text, checking shares. Pure functions and small records, no
Dash: each module here serves one page (``dashboard/pages/<page>.py`` builds the layout and
callbacks around it) and is tested without a server."""
