#include "interview/interview_engine.hpp"

#include <map>
#include <optional>
#include <stop_token>

#include <spdlog/spdlog.h>

#include "core/enums.hpp"
#include "core/ids.hpp"
#include "core/json.hpp"
#include "core/text.hpp"
#include "domain/areas.hpp"
#include "domain/question_bank.hpp"
#include "events/event_types.hpp"
#include "domain/readiness.hpp"
#include "interview/context_window.hpp"
#include "interview/engine_slot.hpp"
#include "interview/prompts.hpp"
#include "interview/requirements_export.hpp"
#include "interview/session_review.hpp"
#include "interview/system_error.hpp"
#include "interview/tag_stream_filter.hpp"
#include "interview/turn_merge.hpp"

namespace nexus {

namespace {

using nlohmann::json;

std::string quoteId(std::string_view id) { return "\"" + text::truncateUtf8(id, 64) + "\""; }

std::string lastReplyId(const InterviewSession& session) {
  for (auto it = session.messages.rbegin(); it != session.messages.rend(); ++it) {
    if (it->role == MessageRole::Assistant) return it->id;
  }
  return {};
}

std::string statusWord(SessionStatus status) { return std::string(toString(status)); }

// Runs `run` when the scope is left, however it is left.
template <typename F>
class OnExit {
 public:
  explicit OnExit(F run) : run_(std::move(run)) {}
  ~OnExit() { run_(); }
  OnExit(const OnExit&) = delete;
  OnExit& operator=(const OnExit&) = delete;

 private:
  F run_;
};

}  // namespace

InterviewEngine::InterviewEngine(LlmClient& llm, SessionStore& store, RequirementsStore& requirements,
                                 EventBus& events, const Clock& clock, InterviewEngineOptions options)
    : llm_(llm), store_(store), requirements_(requirements), events_(events), clock_(clock), options_(options),
      extractor_(options.confidenceThreshold) {}

InterviewEngine::~InterviewEngine() {
  std::lock_guard lock(slotsMutex_);
  for (auto& [id, slot] : slots_) {
    {
      std::lock_guard state(slot->stateMutex);
      slot->cancel.request_stop();
    }
    if (auto released = store_.release(id); !released) {
      spdlog::warn("session {}: could not release it: {}", id, released.error().message);
    }
  }
}

std::string InterviewEngine::getGreeting(InterviewMode mode) { return prompts::greeting(mode); }

Result<InterviewSession> InterviewEngine::startSession(std::string_view projectId, StartOptions options) {
  if (!isWellFormedId(projectId)) {
    return Error::invalidArgument("Project id " + quoteId(projectId) +
                                  " is not valid: use 1-128 letters, digits, '-' or '_'");
  }
  if (options.mode == InterviewMode::Evolution && !options.evolutionContext) {
    return Error::invalidArgument("An evolution interview needs an evolutionContext (projectPath, repoMapContext)");
  }
  const Timestamp now = clock_.now();
  InterviewSession session;
  session.id = newId();
  session.projectId = std::string(projectId);
  session.mode = options.mode;
  if (options.mode == InterviewMode::Evolution) session.evolutionContext = std::move(options.evolutionContext);
  session.startedAt = now;
  session.lastActivityAt = now;
  session.messages.push_back(
      {newId(), MessageRole::Assistant, getGreeting(options.mode), now, std::nullopt, std::nullopt});
  if (auto saved = store_.save(session); !saved) return saved.error();
  if (auto claimed = store_.claim(session.id); !claimed) return claimed.error();

  auto slot = std::make_shared<Slot>(session, projectIndex(session.projectId, session.id), options_.duplicateSimilarity,
                                     now);
  {
    std::lock_guard lock(slotsMutex_);
    slots_.emplace(session.id, slot);
  }
  events_.emit(events::kStarted,
               {{"sessionId", session.id}, {"projectId", session.projectId}, {"mode", session.mode}});
  emitMessage(session.id, session.messages.front());
  return session;
}

Result<ProcessMessageResult> InterviewEngine::processMessage(std::string_view sessionId, std::string_view message) {
  if (auto valid = validateMessage(message); !valid) return valid.error();
  auto found = findOrLoadLocked(sessionId, &Slot::turnMutex);  // held for the whole turn
  if (!found) return found.error();
  Slot& slot = *found->slot;
  // Idle from when the call ends, however long its turn took or waited for the one before.
  const OnExit touchedAtTheEnd([&] { slot.touch(clock_.now()); });

  InterviewMessage userMessage;
  LlmRequest request;
  std::stop_token cancel;
  std::string id;
  std::string projectId;
  ReviewUpdate settled;  // what the message settled of the previous reply's question
  std::optional<Readiness> settledReadiness;
  {
    std::lock_guard write(slot.writeMutex);
    InterviewSession& session = slot.session;
    id = session.id;
    if (session.status != SessionStatus::Active) {
      return Error::notActive("Session " + quoteId(id) + " is " + statusWord(session.status) +
                              (session.status == SessionStatus::Paused ? "; resume it to continue"
                                                                       : "; start a new session to continue"));
    }
    userMessage = {newId(), MessageRole::User, std::string(text::trim(message)), clock_.now(), std::nullopt,
                   std::nullopt};
    // What a failed save puts back: the whole session only when the message may settle a
    // verdict (copying 6,000 messages on every turn would cost more than the turn).
    const Timestamp activityBefore = session.lastActivityAt;
    std::optional<InterviewSession> before;
    {
      std::lock_guard state(slot.stateMutex);
      session.messages.push_back(userMessage);
      session.lastActivityAt = userMessage.timestamp;
      if (awaitsVerdict(session)) {
        before = session;
        before->messages.pop_back();
        before->lastActivityAt = activityBefore;
      }
      settled = settleAnswer(session, slot.review, userMessage.timestamp);
      // A verdict may have marked a requirement "wont": what the interview covered changed.
      if (!settled.empty()) slot.keptStale = true;
    }
    if (auto saved = store_.save(session); !saved) {
      std::lock_guard state(slot.stateMutex);
      if (before) {
        session = std::move(*before);
        slot.review = reviewOf(session, slot.project);
        slot.keptStale = true;
      } else {
        session.messages.pop_back();
        session.lastActivityAt = activityBefore;
      }
      return Error::storageFailed("Your message was not sent because it could not be saved: " +
                                  saved.error().message);
    }
    slot.unsaved = false;  // what an earlier failed write left only in memory went with it
    projectId = session.projectId;
    if (!settled.empty() && refreshReadiness(slot, options_.readyThreshold)) settledReadiness = slot.announcedReadiness;
    {
      std::lock_guard state(slot.stateMutex);
      slot.cancel = std::stop_source{};
      cancel = slot.cancel.get_token();
      if (slot.keptStale) {
        slot.kept = keptOf(session, options_.duplicateSimilarity);
        slot.keptStale = false;
      }
    }
    request = buildRequest(slot);
  }
  emitMessage(id, userMessage);
  if (!settled.empty()) {
    publishReview(id, settled, settledReadiness);
    syncRequirementsDatabase(projectId, id, settled);
  }

  TagStreamFilter filter;
  const auto emitShown = [&](const std::string& shown) {
    if (!shown.empty()) events_.emit(events::kDelta, {{"sessionId", id}, {"text", shown}});
  };
  auto reply = llm_.complete(request, [&](std::string_view piece) { emitShown(filter.feed(piece)); }, cancel);
  if (reply && cancel.stop_requested()) reply = Error::cancelled("The reply was cancelled because the session stopped");
  if (!reply) {
    events_.emit(events::kSystemError, systemErrorPayload(id, reply.error()));
    return reply.error();
  }
  emitShown(filter.finish());
  // The lists it lent go back to the slot alone, so that the turn's additions need not copy them.
  request.context = {};

  return applyReply(slot, userMessage.id, *reply);
}

ProcessMessageResult InterviewEngine::applyReply(Slot& slot, const std::string& userMessageId,
                                                 const LlmResponse& reply) {
  TurnUpdate update;
  ReviewUpdate reviewed;
  std::optional<Readiness> readiness;  // to announce: it moved
  std::string id;
  std::string projectId;
  std::optional<Error> saveError;
  {
    std::lock_guard write(slot.writeMutex);
    InterviewSession& session = slot.session;
    id = session.id;
    projectId = session.projectId;
    update = mergeTurn(session, extractor_.extract(reply.text),
                       {userMessageId, newId(), clock_.now(), {reply.text, reply.model, reply.stopReason, reply.usage}},
                       slot.kept.requirementTexts, options_.duplicateSimilarity);
    {
      std::lock_guard state(slot.stateMutex);
      applyTurn(session, update, userMessageId);
      recordTurn(slot.kept, update);
      reviewed = reviewTurn(session, slot.review, update.captured, userMessageId, update.reply.id);
      if (reviewed.recordChanged) recordReview(slot.kept, session, reviewed.quality);
    }
    auto saved = store_.save(session);
    if (!saved) saveError = saved.error();
    slot.unsaved = !saved;  // the turn stays in memory; autosave or an eviction writes it later
    if (refreshReadiness(slot, options_.readyThreshold)) readiness = slot.announcedReadiness;
  }
  publishTurn(projectId, id, update, saveError);
  publishReview(id, reviewed, readiness);
  ProcessMessageResult result{update.reply.content, update.captured, update.gaps, {}, {}, {}};
  result.findings = std::move(reviewed.quality.findings);
  result.conflicts = std::move(reviewed.quality.conflicts);
  result.readiness = std::move(readiness);  // when it moved: a turn's answer stays the same size
  return result;
}

void InterviewEngine::publishTurn(const std::string& projectId, const std::string& sessionId,
                                  const TurnUpdate& update, const std::optional<Error>& saveError) {
  if (saveError) {
    // The turn stays in memory and goes out with the next save.
    spdlog::error("session {}: the turn could not be saved: {}", sessionId, saveError->message);
    events_.emit(events::kSystemError, systemErrorPayload(sessionId, *saveError, "The turn could not be saved"));
  }
  recordRequirements(projectId, sessionId, update.captured);
  emitMessage(sessionId, update.reply);
  for (const auto& requirement : update.captured) {
    events_.emit(events::kRequirementCaptured, {{"sessionId", sessionId}, {"requirement", requirement}});
  }
  for (const auto& area : update.newAreas) {
    events_.emit(events::kAreaExplored, {{"sessionId", sessionId}, {"area", area}});
  }
  if (!update.gaps.empty()) events_.emit(events::kGapSuggested, {{"sessionId", sessionId}, {"gaps", update.gaps}});
}

void InterviewEngine::recordRequirements(const std::string& projectId, const std::string& sessionId,
                                         const std::vector<ExtractedRequirement>& captured) {
  for (const auto& requirement : captured) {
    auto recorded = requirements_.add(newRequirementFrom(projectId, sessionId, requirement));
    if (recorded) continue;
    spdlog::error("session {}: a requirement could not be recorded in the requirements database: {}", sessionId,
                  recorded.error().message);
    events_.emit(events::kSystemError,
                 systemErrorPayload(sessionId, recorded.error(),
                                    "The requirements database was not updated (the session keeps the "
                                    "requirement; export the session to retry)"));
    return;  // the rest would most likely fail the same way
  }
}

Result<std::optional<InterviewSession>> InterviewEngine::getSession(std::string_view sessionId) const {
  if (auto slot = find(sessionId)) {
    std::lock_guard state(slot->stateMutex);
    return std::optional<InterviewSession>{slot->session};
  }
  return store_.load(sessionId);
}

Result<InterviewSession> InterviewEngine::pauseSession(std::string_view sessionId) {
  return transition(sessionId, SessionStatus::Paused);
}

Result<InterviewSession> InterviewEngine::endSession(std::string_view sessionId) {
  return transition(sessionId, SessionStatus::Completed);
}

Result<InterviewSession> InterviewEngine::resumeSession(std::string_view sessionId) {
  return transition(sessionId, SessionStatus::Active);
}

Result<InterviewSession> InterviewEngine::transition(std::string_view sessionId, SessionStatus to) {
  auto found = findOrLoadLocked(sessionId, &Slot::writeMutex);
  if (!found) return found.error();
  Slot& slot = *found->slot;
  InterviewSession snapshot;
  bool changed = false;
  {
    const std::unique_lock write = std::move(found->lock);
    InterviewSession& session = slot.session;
    if (session.status == SessionStatus::Completed) {
      return Error::notActive("Session " + quoteId(session.id) + " is already completed" +
                              (to == SessionStatus::Active ? " and cannot be resumed" : ""));
    }
    changed = session.status != to;
    if (changed) {
      const SessionStatus previousStatus = session.status;
      const Timestamp previousActivity = session.lastActivityAt;
      {
        std::lock_guard state(slot.stateMutex);
        if (to != SessionStatus::Active) slot.cancel.request_stop();
        session.status = to;
        session.lastActivityAt = clock_.now();
        if (to == SessionStatus::Completed) session.completedAt = session.lastActivityAt;
      }
      if (auto saved = store_.save(session); !saved) {
        std::lock_guard state(slot.stateMutex);
        session.status = previousStatus;
        session.lastActivityAt = previousActivity;
        session.completedAt.reset();
        return saved.error();
      }
      slot.unsaved = false;
    }
    snapshot = session;
  }
  if (to == SessionStatus::Active) {
    // Resuming an already active session still tells listeners it is in use again.
    events_.emit(events::kResumed, {{"sessionId", snapshot.id}});
  } else if (to == SessionStatus::Paused && changed) {
    events_.emit(events::kPaused, {{"sessionId", snapshot.id}});
  } else if (to == SessionStatus::Completed) {
    std::map<std::string, int> categories;
    for (const auto& r : snapshot.extractedRequirements) ++categories[std::string(toString(r.category))];
    events_.emit(events::kCompleted,
                 {{"sessionId", snapshot.id},
                  {"projectId", snapshot.projectId},
                  {"totalRequirements", snapshot.extractedRequirements.size()},
                  {"categories", categories},
                  {"duration", (*snapshot.completedAt - snapshot.startedAt).count()}});
  }
  return snapshot;
}

Result<std::optional<InterviewSession>> InterviewEngine::resumeByProject(std::string_view projectId) {
  auto latest = store_.loadLatestOpen(projectId);
  if (!latest) return latest.error();
  if (!*latest) return std::optional<InterviewSession>{};
  auto resumed = resumeSession((*latest)->id);
  if (!resumed) return resumed.error();
  return std::optional<InterviewSession>{std::move(*resumed)};
}

Result<bool> InterviewEngine::saveIfWanted(std::string_view sessionId,
                                           const std::function<bool(const InterviewSession&)>& wanted) {
  const auto slot = held(sessionId);
  if (slot == nullptr) return false;
  std::lock_guard write(slot->writeMutex);
  if (slot->evicted || !wanted(slot->session)) return false;  // evicted: saved as it left memory
  if (auto saved = store_.save(slot->session); !saved) return saved.error();
  slot->unsaved = false;
  return true;
}

std::vector<std::string> InterviewEngine::idleSessions(Timestamp cutoff) const {
  std::vector<std::string> idle;
  std::lock_guard lock(slotsMutex_);
  for (const auto& [id, slot] : slots_) {
    if (slot->touchedAt() <= cutoff) idle.push_back(id);
  }
  return idle;
}

Result<bool> InterviewEngine::evictIdle(std::string_view sessionId, Timestamp cutoff) {
  const auto slot = held(sessionId);
  if (slot == nullptr) return false;
  // A turn holds turnMutex throughout, a change or a write writeMutex: busy, left for the next
  // sweep. Holding both, no call changes the session until the slot is gone.
  const std::unique_lock turn(slot->turnMutex, std::try_to_lock);
  if (!turn) return false;
  const std::unique_lock write(slot->writeMutex, std::try_to_lock);
  if (!write) return false;
  if (slot->evicted || slot->touchedAt() > cutoff) return false;  // a call came meanwhile
  const std::string id(sessionId);
  if (slot->unsaved) {
    if (auto saved = store_.save(slot->session); !saved) {
      spdlog::error("session {}: idle, but it could not be saved, so it stays in memory: {}", id,
                    saved.error().message);
      events_.emit(events::kSystemError,
                   systemErrorPayload(id, saved.error(), "The idle session could not be saved (it stays in memory)"));
      return saved.error();
    }
    slot->unsaved = false;
  }
  {
    std::lock_guard state(slot->stateMutex);
    slot->evicted = true;
  }
  // The claim is given up under slotsMutex_, as forget() does: a call that loads the session
  // again claims it only after this, so its claim is not the one released.
  std::lock_guard lock(slotsMutex_);
  if (const auto it = slots_.find(id); it != slots_.end() && it->second == slot) slots_.erase(it);
  if (auto released = store_.release(id); !released) {
    spdlog::warn("session {}: could not release it: {}", id, released.error().message);
  }
  return true;
}

bool InterviewEngine::holdsActive(std::string_view sessionId) const {
  const auto slot = held(sessionId);
  if (slot == nullptr) return false;
  std::lock_guard state(slot->stateMutex);
  return !slot->evicted && slot->session.status == SessionStatus::Active;
}

void InterviewEngine::forget(std::string_view sessionId) {
  std::lock_guard lock(slotsMutex_);
  const auto it = slots_.find(std::string(sessionId));
  if (it == slots_.end()) return;
  {
    std::lock_guard state(it->second->stateMutex);
    it->second->cancel.request_stop();
  }
  slots_.erase(it);
  (void)store_.release(sessionId);  // best effort: a claim of a gone process is taken over anyway
}

void InterviewEngine::forgetIfCompleted(std::string_view sessionId) {
  const auto slot = held(sessionId);
  if (slot == nullptr) return;
  {
    std::lock_guard state(slot->stateMutex);
    if (slot->session.status != SessionStatus::Completed) return;
  }
  forget(sessionId);
}

std::shared_ptr<InterviewEngine::Slot> InterviewEngine::find(std::string_view sessionId) const {
  auto slot = held(sessionId);
  if (slot != nullptr) slot->touch(clock_.now());
  return slot;
}

std::shared_ptr<InterviewEngine::Slot> InterviewEngine::held(std::string_view sessionId) const {
  std::lock_guard lock(slotsMutex_);
  const auto it = slots_.find(std::string(sessionId));
  return it == slots_.end() ? nullptr : it->second;
}

Result<InterviewEngine::LockedSlot> InterviewEngine::findOrLoadLocked(std::string_view sessionId,
                                                                      std::mutex Slot::*mutex) {
  while (true) {
    auto found = findOrLoad(sessionId);
    if (!found) return found.error();
    LockedSlot locked{std::move(*found), {}};
    locked.lock = std::unique_lock((*locked.slot).*mutex);
    // evicted is set under both locks; a slot evicted meanwhile has left slots_, so the next
    // findOrLoad reads what the eviction saved.
    if (!locked.slot->evicted) return locked;
  }
}

Result<std::shared_ptr<InterviewEngine::Slot>> InterviewEngine::findOrLoad(std::string_view sessionId) {
  if (auto slot = find(sessionId)) return slot;
  if (!isWellFormedId(sessionId)) return Error::notFound("No interview session with id " + quoteId(sessionId));
  auto loaded = store_.load(sessionId);
  if (!loaded) return loaded.error();
  if (!*loaded) return Error::notFound("No interview session with id " + quoteId(sessionId));
  // Another process may be talking in this session; one at a time, across processes too.
  if (auto claimed = store_.claim(sessionId); !claimed) return claimed.error();
  auto project = projectIndex((*loaded)->projectId, sessionId);
  auto slot =
      std::make_shared<Slot>(std::move(**loaded), std::move(project), options_.duplicateSimilarity, clock_.now());
  std::lock_guard lock(slotsMutex_);
  // Another thread may have loaded it meanwhile: keep one slot per session.
  return slots_.try_emplace(std::string(sessionId), slot).first->second;
}

Result<void> InterviewEngine::validateMessage(std::string_view message) const {
  if (message.size() > options_.maxMessageBytes) {
    return Error::tooLarge("Message is " + std::to_string(message.size()) + " bytes; the limit is " +
                           std::to_string(options_.maxMessageBytes) + " bytes");
  }
  if (text::trim(message).empty()) return Error::invalidArgument("Message is empty");
  if (!text::isValidUtf8(message)) return Error::invalidArgument("Message is not valid UTF-8 text");
  return {};
}

std::shared_ptr<const domain::ProjectIndex> InterviewEngine::projectIndex(
    const std::string& projectId, std::string_view sessionId) const {
  auto listed = requirements_.list(projectId);
  if (!listed) {
    // The interview goes on; it only misses conflicts with what other interviews recorded.
    spdlog::warn("session {}: the project's requirements could not be read, so conflicts with other interviews' "
                 "requirements are not looked for: {}",
                 sessionId, listed.error().message);
    return nullptr;
  }
  return std::make_shared<const domain::ProjectIndex>(projectRequirementsOf(*listed, sessionId));
}

LlmRequest InterviewEngine::buildRequest(Slot& slot) const {
  const InterviewSession& session = slot.session;
  LlmRequest request;
  request.systemPrompt = prompts::systemPrompt(session.mode, session.evolutionContext);
  request.messages = recentMessages(session.messages, options_.historyTokenBudget);
  const KeptSession& kept = slot.kept;
  request.context = {session.mode,  kept.requirements, session.exploredAreas,   kept.asked,
                     kept.findings, kept.conflicts,    options_.readyThreshold, lastReplyId(session),
                     slot.project,  &slot.lentConflicts, &slot.kept.coverage, &slot.kept.requirementTexts,
                     &slot.kept.readiness, &slot.kept.askedIndex};
  request.maxTokens = options_.maxReplyTokens;
  return request;
}

void InterviewEngine::emitMessage(const std::string& sessionId, const InterviewMessage& message) {
  events_.emit(events::kQuestionAsked, {{"sessionId", sessionId}, {"message", message}});
}

}  // namespace nexus
