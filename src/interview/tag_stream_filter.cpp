#include "interview/tag_stream_filter.hpp"

#include <array>

#include "core/text.hpp"

namespace nexus {
namespace {

struct HiddenBlock {
  std::string_view open;  // lower case, without the closing '>' (attributes may follow)
  std::string_view close;
};

// <requirements> before <requirement> so the longer name wins.
constexpr std::array<HiddenBlock, 3> kHidden{{
    {"<requirements", "</requirements>"},
    {"<requirement", "</requirement>"},
    {"<thinking", "</thinking>"},
}};

bool isPrefixIgnoringCase(std::string_view candidate, std::string_view of) {
  return candidate.size() <= of.size() && text::iequals(candidate, of.substr(0, candidate.size()));
}

}  // namespace

std::string TagStreamFilter::feed(std::string_view piece) { return trimmedAtTheEnds(reveal(piece)); }

std::string TagStreamFilter::reveal(std::string_view piece) {
  pending_ += piece;
  std::string shown;
  std::size_t pos = 0;
  while (pos < pending_.size()) {
    if (!closeTag_.empty()) {
      const std::string lower = text::toLower(std::string_view(pending_).substr(pos));
      const std::size_t end = lower.find(closeTag_);
      if (end == std::string::npos) {
        // Keep only a tail that could be the start of the closing tag.
        const std::size_t keep = std::min(lower.size(), closeTag_.size() - 1);
        pending_.erase(0, pending_.size() - keep);
        return shown;
      }
      pos += end + closeTag_.size();
      closeTag_.clear();
      continue;
    }
    const std::size_t lt = pending_.find('<', pos);
    if (lt == std::string::npos) {
      shown.append(pending_, pos, std::string::npos);
      pos = pending_.size();
      break;
    }
    shown.append(pending_, pos, lt - pos);
    pos = lt;
    const std::string_view rest = std::string_view(pending_).substr(lt);
    bool undecided = false;
    bool matched = false;
    for (const auto& block : kHidden) {
      if (rest.size() < block.open.size() + 1) {
        if (isPrefixIgnoringCase(rest, block.open)) undecided = true;
        continue;
      }
      if (text::iequals(rest.substr(0, block.open.size()), block.open)) {
        const char next = rest[block.open.size()];
        if (next == '>' || next == ' ' || next == '\n' || next == '\t' || next == '\r' || next == '/') {
          closeTag_ = std::string(block.close);
          pos += block.open.size();
          matched = true;
          break;
        }
      }
    }
    if (matched) continue;
    if (undecided) {
      pending_.erase(0, pos);
      return shown;
    }
    // A '<' that starts no hidden tag is ordinary text ("a < b"), and so is a stray closing tag.
    shown.push_back('<');
    ++pos;
  }
  pending_.erase(0, pos);
  return shown;
}

std::string TagStreamFilter::finish() {
  std::string rest = trimmedAtTheEnds(closeTag_.empty() ? pending_ : std::string{});
  pending_.clear();
  closeTag_.clear();
  heldSpace_.clear();  // the reply's trailing whitespace: never shown
  return rest;
}

std::string TagStreamFilter::trimmedAtTheEnds(std::string shown) {
  constexpr std::string_view kSpace = " \t\r\n";
  if (!started_) {
    shown.erase(0, std::min(shown.size(), shown.find_first_not_of(kSpace)));
    if (shown.empty()) return shown;
    started_ = true;
  }
  shown.insert(0, heldSpace_);
  const std::size_t last = shown.find_last_not_of(kSpace);
  if (last == std::string::npos) {
    heldSpace_ = std::move(shown);
    return {};
  }
  heldSpace_ = shown.substr(last + 1);
  shown.resize(last + 1);
  return shown;
}

}  // namespace nexus
