#pragma once
// Hides requirement tags and <thinking> from a reply while it streams, so a person watching the
// text arrive never sees markup. Text that might be the start of a tag is held back until the
// next piece shows what it is. Whitespace at either end of the shown text is left out, as it is
// from the stored reply, so the pieces add up to what is kept (the blank lines before a reply's
// tags never stream).

#include <string>
#include <string_view>

namespace nexus {

// One per streamed reply; not thread-safe.
class TagStreamFilter {
 public:
  // Returns the part of the stream so far that can be shown, beyond what earlier calls returned.
  std::string feed(std::string_view piece);
  // End of stream: whatever was held back and is plain text.
  std::string finish();

 private:
  std::string reveal(std::string_view piece);  // what feed() shows, whitespace and all
  std::string trimmedAtTheEnds(std::string shown);

  std::string pending_;
  std::string closeTag_;   // non-empty while inside a hidden block
  std::string heldSpace_;  // trailing whitespace, shown only once text follows it
  bool started_ = false;   // the first visible character has been shown
};

}  // namespace nexus
