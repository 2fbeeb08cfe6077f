// CSV as spreadsheets and learning platforms read it (RFC 4180): fields with
// a comma, quote or line break are quoted, quotes doubled, rows end in CRLF.
#pragma once

#include <string>
#include <vector>

namespace parlab::grader::batch {

using CsvRow = std::vector<std::string>;

// One field, quoted when needed. Text that a spreadsheet would run as a
// formula (=, +, -, @ first) gets a leading apostrophe: folder names come from
// students. Numbers are written with csv_number, never through here.
std::string csv_text(const std::string& field);

// Points without float noise: 7.5, 10, 8.33 (two decimals at most).
std::string csv_number(double value);

// One line: the fields joined by commas, ending in CRLF. Each field is
// written as is: pass it through csv_text or csv_number first.
std::string csv_line(const CsvRow& fields);

// Reads RFC 4180 text: quoted fields, doubled quotes, CRLF or LF line ends,
// line breaks inside quotes. A leading UTF-8 byte-order mark is skipped.
std::vector<CsvRow> parse_csv(const std::string& text);

}  // namespace parlab::grader::batch
