#include "core/lines.hpp"

#include "core/content_hash.hpp"

namespace parlab::grader {

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const std::size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
  return lines;
}

std::string shell_quote(const std::string& word) {
  if (!word.empty() && word.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./=:,+@%") ==
                           std::string::npos) {
    return word;
  }
  std::string quoted = "'";
  for (const char c : word) {
    if (c == '\'') {
      quoted += "'\\''";
    } else {
      quoted += c;
    }
  }
  return quoted + "'";
}

bool shell_unsafe_path(std::string_view path) { return path.find_first_of("$`'\"\\\n") != std::string_view::npos; }

bool plain_path(std::string_view path) {
  if (path.empty()) return false;
  for (const char c : path) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                    c == '_' || c == '-' || c == '+' || c == '=' || c == '@' || c == '/';
    if (!ok) return false;
  }
  return true;
}

std::string file_name_for(const std::string& name) {
  std::string out;
  bool changed = name.empty() || name == "." || name == "..";
  for (const char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                    c == '_' || c == '-' || c == '+';
    out += ok ? c : '_';
    changed = changed || !ok;
  }
  if (!changed) return out;
  ContentHash h;
  h.add(name);
  return (out.empty() || out == "." || out == ".." ? std::string("name") : out) + "-" + h.hex().substr(0, 8);
}

}  // namespace parlab::grader
