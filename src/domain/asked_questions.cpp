#include "domain/asked_questions.hpp"

#include <algorithm>

#include "core/text.hpp"

namespace nexus::domain {
namespace {

std::string normalized(std::string_view question) { return text::toLower(text::collapseWhitespace(question)); }

// The words of a normalised text: what lies between its single spaces.
std::vector<std::string_view> wordsOf(std::string_view text) {
  std::vector<std::string_view> words;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t space = std::min(text.find(' ', start), text.size());
    if (space > start) words.push_back(text.substr(start, space - start));
    start = space + 1;
  }
  return words;
}

}  // namespace

AskedQuestions::AskedQuestions(std::span<const std::string> questions) {
  normalized_.reserve(questions.size());
  for (const auto& question : questions) add(question);
}

void AskedQuestions::add(std::string_view question) {
  const auto position = static_cast<std::uint32_t>(normalized_.size());
  normalized_.push_back(normalized(question));
  for (const std::string_view word : wordsOf(normalized_.back())) {
    auto holders = holders_.find(word);
    if (holders == holders_.end()) holders = holders_.emplace(std::string(word), std::vector<std::uint32_t>{}).first;
    if (holders->second.empty() || holders->second.back() != position) holders->second.push_back(position);
  }
}

bool AskedQuestions::contains(std::string_view question) const {
  const std::string wanted = normalized(question);
  if (wanted.empty()) return !normalized_.empty();
  const auto words = wordsOf(wanted);
  const auto holds = [&](std::size_t position) { return normalized_[position].find(wanted) != std::string::npos; };
  // Too short to have an inner word: every question is read.
  if (words.size() < 3) {
    for (std::size_t i = 0; i < normalized_.size(); ++i) {
      if (holds(i)) return true;
    }
    return false;
  }
  const std::vector<std::uint32_t>* rarest = nullptr;
  for (std::size_t i = 1; i + 1 < words.size(); ++i) {
    const auto holders = holders_.find(words[i]);
    if (holders == holders_.end()) return false;  // no question holds this word
    if (rarest == nullptr || holders->second.size() < rarest->size()) rarest = &holders->second;
  }
  return std::any_of(rarest->begin(), rarest->end(), holds);
}

}  // namespace nexus::domain
