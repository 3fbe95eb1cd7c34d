"""The OOXML layer shared by the Word and Excel writers: escaping, cell references, the zip
package, the DrawingML chart part and a chart's embedded data workbook. Neither writer imports
the other; what both need lives here."""
