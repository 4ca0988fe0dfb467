## Uploaded and imported files: why a file is refused and what to do (handlers/uploads.py)
file-error-type = “{ $name }”: this kind of file will not do. An .xlsx or .csv table is needed.
file-error-too-big = The file is too big: { $size } MB, at most { $max } MB. Split it into several files or remove what is not needed (pictures, empty sheets).
file-error-unpacked = The table is too big once unpacked (more than { $max } MB): it seems to hold very many rows or hidden data. Copy the rows you need to a sheet in a new workbook and save it as .xlsx or .csv.
file-error-rows = The table has more than { $max } rows. Split it into several files and upload them one by one.
file-error-columns = Row { $line } has more than { $max } columns. Keep the template's columns and delete the rest.
file-error-cell-long = Row { $line }, column { $column }: the cell holds more than { $max } characters. Shorten the text.
file-error-not-table = Cannot make out the table (near row { $line }): check the quotes. The easiest way: open the file in Excel and save it as .xlsx.
file-error-not-text = This is neither a text file nor a table — perhaps another document or a renamed file. Save the table from Excel as .xlsx or CSV.
file-error-encoding = Cannot recognise the file's encoding. Save it as UTF-8 (in Excel: “CSV UTF-8”) or as .xlsx.
file-error-xls = This is an old Excel 97–2003 file (.xls). Open it in Excel and save it as “Excel Workbook (.xlsx)”.
file-error-bad-xlsx = Cannot read the file as an Excel workbook (.xlsx): it is damaged or of another type. Open it in Excel and save it again as .xlsx or .csv.
file-error-slow = Reading the file took longer than { $seconds } s and was stopped. Make it smaller (fewer rows, no extra sheets) and try again.
file-error-syntax = syntax error: { $problem }
file-error-deep = nested too deep: more than { $max } levels. An instrument file has no such structure — take the current file as a model (the “Download the current file” button).
file-error-nodes = too many values in the file (more than { $max } with anchors &amp;name / aliases *name expanded). Write the values out or make the file smaller.
file-error-alias-loop = an alias (*name) points at itself — remove the anchors (&amp;) and aliases (*) from the file.

# a file sent in the other messenger that cannot be brought over (handlers/files.py)
file-unavailable = 📎 This file is not available now: it was sent in the other messenger and could not be fetched from there. Ask its author to send it again, or open it in that messenger.
