#include "analyst/offline_analyst.hpp"

#include <algorithm>
#include <cstdio>

#include "core/enums.hpp"
#include "core/text.hpp"
#include "domain/areas.hpp"
#include "domain/asked_questions.hpp"
#include "domain/question_bank.hpp"
#include "domain/question_generator.hpp"
#include "analyst/quality_questions.hpp"
#include "analyst/reply_composer.hpp"
#include "analyst/requirement_recognizer.hpp"
#include "analyst/short_answer.hpp"
#include "analyst/small_talk.hpp"
#include "analyst/statement_splitter.hpp"

namespace nexus {
namespace {

using analyst::RecognizedRequirement;

constexpr double kKeepThreshold = 0.7;         // the engine's default; below it a statement is only "vague"
constexpr std::size_t kDeltaBytes = 48;        // streamed pieces: a few words each
constexpr std::size_t kCancelCheckEvery = 32;  // statements between cancellation checks
constexpr int kMaxQuestionRetries = 8;

Error cancelledError() { return Error::cancelled("the offline analyst was cancelled"); }

std::string escapeXml(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

void appendTag(std::string& out, const RecognizedRequirement& r) {
  char confidence[16];
  std::snprintf(confidence, sizeof confidence, "%.2f", r.confidence);
  out += "<requirement>\n  <text>" + escapeXml(r.text) + "</text>\n  <category>" +
         std::string(toString(r.category)) + "</category>\n  <priority>" + std::string(toString(r.priority)) +
         "</priority>\n  <confidence>" + confidence + "</confidence>\n";
  if (r.area) out += "  <area>" + escapeXml(*r.area) + "</area>\n";
  out += "</requirement>\n";
}

ExtractedRequirement toExtracted(const RecognizedRequirement& r) {
  ExtractedRequirement out;
  out.text = r.text;
  out.category = r.category;
  out.priority = r.priority;
  out.confidence = r.confidence;
  out.area = r.area;
  return out;
}

std::string_view latestUserMessage(const LlmRequest& request) {
  for (auto it = request.messages.rbegin(); it != request.messages.rend(); ++it) {
    if (it->role == MessageRole::User) return it->content;
  }
  return {};
}

// True when the person sent a message before the latest one. The request's window may have
// dropped early messages, so captured requirements count as proof too.
bool personSpokeBefore(const LlmRequest& request) {
  const auto userMessages = std::count_if(request.messages.begin(), request.messages.end(),
                                          [](const ChatMessage& m) { return m.role == MessageRole::User; });
  return userMessages > 1 || !request.context.requirements.empty();
}

// The area a question of ours is about: the bank template's own area when it came from the
// bank ("" for the general ones), since its words can mislead inference ("reports or imports"
// in a question about background jobs); inferArea only for wordings made elsewhere.
std::string areaOfQuestion(std::string_view question) {
  if (const auto* templ = domain::findTemplate(question)) {
    return templ->area == domain::kGeneralArea ? std::string() : std::string(templ->area);
  }
  return domain::inferArea(question).value_or("");
}

// What "what do you mean?" explains: the question's area, or the narrower topic of sign-in
// through a provider, which the person has already chosen.
std::string rewordingTopic(std::string_view question, const std::string& area) {
  const auto* templ = domain::findTemplate(question);
  if (templ != nullptr && templ->signIn == domain::SignInStyle::External)
    return std::string(analyst::kSignInProviderTopic);
  return area;
}

// True for the general "what are you building?" questions a vision statement has just answered.
bool asksForVision(const domain::Question& question) {
  if (!question.area.empty()) return false;
  const std::string lower = text::toLower(question.text);
  for (const std::string_view phrase :
       {"what problem", "solve", "what do you want it to do", "what are you building",
        "what you want to build", "what is it for", "what it is for"}) {
    if (lower.find(phrase) != std::string::npos) return true;
  }
  return false;
}

// The generator's next question: never one already asked, not one the message just answered
// (`visionGiven`), and not about `avoidArea` when another area has something to ask.
std::string nextQuestion(domain::QuestionGenerator& generator, const std::vector<std::string>& justDiscussed,
                         const domain::AskedQuestions& asked, std::string_view avoidArea, bool visionGiven) {
  std::string fallback;
  for (int attempt = 0; attempt < kMaxQuestionRetries; ++attempt) {
    const domain::Question question = generator.nextQuestion(justDiscussed);
    if (question.text.empty()) break;
    const bool repeated = asked.contains(question.text);
    if (!repeated && fallback.empty()) fallback = question.text;
    const bool wanted =
        (avoidArea.empty() || question.area != avoidArea) && !(visionGiven && asksForVision(question));
    if (!repeated && wanted) return question.text;
    generator.recordAsked(question.text);
  }
  return fallback;
}

// "What about security?": a question about the person's topic even when the generator's own
// plan (gaps due, a thread drilled long enough) points elsewhere. A bank question of the area
// at the depth it has reached, then at the others; never one already asked, none that quotes,
// none assuming the wrong way of signing in (question_bank.hpp, SignInStyle).
std::string topicQuestion(const std::string& topic, const domain::QuestionGenerator& generator,
                          const domain::AskedQuestions& asked, const InterviewContext& context) {
  const bool delegated = std::any_of(context.requirements.begin(), context.requirements.end(),
                                     [](const ExtractedRequirement& r) {
                                       return r.area == "authentication" &&
                                              domain::namesExternalIdentityProvider(r.text);
                                     });
  const auto unfit = delegated ? domain::SignInStyle::OwnPasswords : domain::SignInStyle::External;
  using enum domain::QuestionDepth;
  const auto first = generator.depthFor(topic);
  for (const auto depth : {first, Broad, Detailed, Clarifying}) {
    for (const auto* templ : domain::questionTemplates(topic, depth)) {
      if (domain::hasRequirementPlaceholder(*templ) || templ->signIn == unfit) continue;
      if (!asked.contains(templ->text)) return std::string(templ->text);
    }
  }
  return {};
}

// Splits the output into word groups for streaming; cutting only at spaces keeps UTF-8 whole.
bool stream(std::string_view raw, const DeltaHandler& onDelta, const std::stop_token& cancel) {
  std::size_t start = 0;
  while (start < raw.size()) {
    if (cancel.stop_requested()) return false;
    std::size_t end = std::min(raw.size(), start + kDeltaBytes);
    if (end < raw.size()) {
      const std::size_t space = raw.find_first_of(" \n", end);
      end = space == std::string_view::npos ? raw.size() : space + 1;
    }
    if (onDelta) onDelta(raw.substr(start, end - start));
    start = end;
  }
  return !cancel.stop_requested();
}

// The person's latest message and the question of ours it answers ("" when none was asked).
struct Turn {
  std::string_view message;
  std::string lastQuestion;
};

Turn turnOf(const LlmRequest& request) {
  const auto& asked = request.context.askedQuestions;
  return {latestUserMessage(request), asked.empty() ? std::string() : asked.back()};
}

// Step 1's result: the requirements among the person's statements, without duplicates.
struct Heard {
  std::vector<RecognizedRequirement> captured;  // at or above the keep threshold, in order
  std::vector<RecognizedRequirement> vague;     // recognised but below it
};

// 1. What the person said: statements, and the requirements among them. Fails only when cancelled.
Result<Heard> hear(const Turn& turn, const std::stop_token& cancel) {
  Heard heard;
  const auto statements = analyst::splitStatements(turn.message);
  for (std::size_t i = 0; i < statements.size(); ++i) {
    if (i % kCancelCheckEvery == 0 && cancel.stop_requested()) return cancelledError();
    auto recognized = analyst::recognize(statements[i]);
    if (!recognized) continue;
    auto& bucket = recognized->confidence >= kKeepThreshold ? heard.captured : heard.vague;
    const bool duplicate =
        std::any_of(bucket.begin(), bucket.end(), [&](const RecognizedRequirement& requirement) {
          return text::iequals(requirement.text, recognized->text);
        });
    if (!duplicate) bucket.push_back(std::move(*recognized));
  }
  // "about 50 people": a fact only together with the question it answers.
  const bool statementsFound = !heard.captured.empty() || !heard.vague.empty();
  if (auto answer = analyst::recognizeShortAnswer(turn.message, turn.lastQuestion, statementsFound)) {
    heard.captured.assign(1, std::move(*answer));
    heard.vague.clear();
  }
  return heard;
}

// Step 2's result: the question generator fed with the interview so far and this message, and
// the areas this message opened a thread in. The generator is the engine's, lent for the turn
// (InterviewContext::coverage), with this message's part taken back when the turn is planned;
// or, without one, built here from the context.
class Coverage {
 public:
  explicit Coverage(const InterviewContext& context) {
    if (context.askedIndex != nullptr) {
      asked_ = context.askedIndex;
    } else {
      asked_ = &ownAsked_.emplace(context.askedQuestions);
    }
    if (context.coverage != nullptr) {
      generator_ = context.coverage;
      lentAt_ = generator_->checkpoint();
      return;
    }
    owned_.emplace();
    generator_ = &*owned_;
    for (const auto& area : context.exploredAreas) generator_->markExplored(area);
    for (const auto& requirement : context.requirements) generator_->recordRequirement(requirement);
    for (const auto& question : context.askedQuestions) generator_->recordAsked(question);
  }
  ~Coverage() {
    if (lentAt_) generator_->rollBack(*lentAt_);
  }
  Coverage(const Coverage&) = delete;
  Coverage& operator=(const Coverage&) = delete;

  domain::QuestionGenerator& generator() { return *generator_; }
  // The interviewer's earlier questions, indexed: the engine's, or made here.
  const domain::AskedQuestions& asked() const { return *asked_; }
  std::vector<std::string> justDiscussed;

 private:
  std::optional<domain::AskedQuestions> ownAsked_;
  const domain::AskedQuestions* asked_ = nullptr;
  std::optional<domain::QuestionGenerator> owned_;
  domain::QuestionGenerator* generator_ = nullptr;
  std::optional<domain::QuestionGenerator::Checkpoint> lentAt_;
};

// 2. What the interview already covers, plus what this message adds.
void takeStock(Coverage& coverage, const Heard& heard) {
  auto& generator = coverage.generator();
  for (const auto& requirement : heard.captured) {
    generator.recordRequirement(toExtracted(requirement));
    // An answer to our own question opens no thread: the interview moves on from there.
    if (requirement.area && !requirement.answer &&
        std::find(coverage.justDiscussed.begin(), coverage.justDiscussed.end(), *requirement.area) ==
            coverage.justDiscussed.end()) {
      coverage.justDiscussed.push_back(*requirement.area);
    }
  }
}

// The reply's question, for a plan whose kind and topic are decided: a rewording of our last
// question for "what do you mean?", a clarifying one for a vague statement, else the
// generator's next (on the person's topic when they named one).
std::string chooseQuestion(const analyst::ReplyPlan& plan, const Turn& turn, const Heard& heard,
                           Coverage& coverage, const InterviewContext& context) {
  const std::uint64_t seed = analyst::variationSeed(turn.message, plan.turn);
  const std::string lastArea = areaOfQuestion(turn.lastQuestion);
  if (heard.captured.empty() && plan.kind == analyst::Utterance::Clarify) {
    const auto rewording = analyst::rewordQuestion(
        turn.lastQuestion, rewordingTopic(turn.lastQuestion, lastArea), context.askedQuestions, seed);
    return rewording.explanation + "\n\n" + rewording.question;
  }
  if (heard.captured.empty() && plan.kind == analyst::Utterance::Content && !heard.vague.empty())
    return analyst::vagueFollowUp(heard.vague.front(), seed);
  // A fact just stated (a volume, the shape of the data, a feed): build on it before changing the
  // subject, once per kind.
  for (const auto& requirement : heard.captured) {
    if (const auto followUp = analyst::factFollowUp(requirement, coverage.asked()); !followUp.empty())
      return std::string(followUp);
  }
  const bool moveOn = plan.kind == analyst::Utterance::Unsure || plan.kind == analyst::Utterance::Thinking;
  const bool vision =
      std::any_of(heard.captured.begin(), heard.captured.end(),
                  [](const RecognizedRequirement& requirement) { return requirement.vision; });
  std::string question = nextQuestion(coverage.generator(), coverage.justDiscussed, coverage.asked(),
                                      moveOn ? lastArea : "", vision);
  if (!plan.topic.empty() && areaOfQuestion(question) != plan.topic) {
    if (std::string onTopic = topicQuestion(plan.topic, coverage.generator(), coverage.asked(), context);
        !onTopic.empty())
      return onTopic;
  }
  return question;
}

// 3. The reply: what kind of answer the message wants, and its one question.
analyst::ReplyPlan planReply(const LlmRequest& request, const Turn& turn, Heard heard, Coverage& coverage) {
  const InterviewContext& context = request.context;
  analyst::ReplyPlan plan;
  plan.message = turn.message;
  plan.turn = context.askedQuestions.size();
  plan.kind = heard.captured.empty() ? analyst::classifyUtterance(turn.message) : analyst::Utterance::Content;
  plan.greeted = analyst::startsWithGreeting(turn.message);
  plan.spokeBefore = personSpokeBefore(request);
  plan.totalRequirements = context.requirements.size() + heard.captured.size();
  if (heard.captured.empty() && analyst::suggestsTopic(turn.message)) {
    // "What about security?": follow the person's lead.
    coverage.justDiscussed = domain::inferAreas(turn.message);
    if (!coverage.justDiscussed.empty()) {
      plan.topic = coverage.justDiscussed.front();
      plan.kind = analyst::Utterance::Question;
    }
  }
  plan.question = chooseQuestion(plan, turn, heard, coverage, context);
  // A conflict or an unclear statement comes before the next topic; the person's own topic and
  // "what do you mean?" come before both.
  using enum analyst::Utterance;
  const bool conversational = heard.captured.empty() && (plan.kind == Clarify || plan.kind == Farewell ||
                                                         plan.kind == Question || plan.kind == Greeting);
  if (!conversational && plan.topic.empty()) {
    std::vector<ExtractedRequirement> heardNow;
    for (const auto& requirement : heard.captured) heardNow.push_back(toExtracted(requirement));
    if (std::string quality = analyst::qualityQuestion(context, heardNow, coverage.asked()); !quality.empty()) {
      plan.question = std::move(quality);
    }
  }
  plan.settled = analyst::settledByAnswer(context);
  plan.captured = std::move(heard.captured);
  plan.vague = std::move(heard.vague);
  return plan;
}

// The raw output: the reply's words, then a tag for each requirement, confident ones first.
std::string rawOutput(const analyst::ReplyPlan& plan) {
  std::string raw = analyst::composeReply(plan);
  if (!plan.captured.empty() || !plan.vague.empty()) raw += "\n\n";
  for (const auto& requirement : plan.captured) appendTag(raw, requirement);
  for (const auto& requirement : plan.vague) appendTag(raw, requirement);
  return raw;
}

LlmResponse responseWith(std::string raw, const LlmRequest& request) {
  LlmResponse response;
  response.model = "offline-analyst";
  response.stopReason = "end_turn";
  std::size_t inputBytes = request.systemPrompt.size();
  for (const auto& message : request.messages) inputBytes += message.content.size();
  response.usage.inputTokens = static_cast<std::int64_t>(inputBytes / 4);  // the usual ~4 bytes a token
  response.usage.outputTokens = static_cast<std::int64_t>(raw.size() / 4);
  response.text = std::move(raw);
  return response;
}

}  // namespace

Result<LlmResponse> OfflineAnalyst::complete(const LlmRequest& request, const DeltaHandler& onDelta,
                                             std::stop_token cancel) {
  if (cancel.stop_requested()) return cancelledError();
  const Turn turn = turnOf(request);
  auto heard = hear(turn, cancel);
  if (!heard.ok()) return heard.error();
  const analyst::ReplyPlan plan = [&] {
    Coverage coverage(request.context);
    takeStock(coverage, heard.value());
    return planReply(request, turn, std::move(heard).value(), coverage);
  }();

  std::string raw = rawOutput(plan);
  if (!stream(raw, onDelta, cancel)) return cancelledError();
  return responseWith(std::move(raw), request);
}

BackendInfo OfflineAnalyst::info() const { return {"offline", "offline-analyst", ""}; }

}  // namespace nexus
