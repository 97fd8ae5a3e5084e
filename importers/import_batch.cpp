#include "importers/import_batch.hpp"

#include <iterator>

namespace fairgate::importers {

void ReturnBatches::add(SupplierReturn r, int worker) {
    batch_.returns.push_back(std::move(r));
    own(worker, 1);
    ++total_;
    if (batch_.returns.size() >= size_) hand_over();
}

void ReturnBatches::add(std::vector<SupplierReturn> returns, std::vector<ImportNote> notes,
                        const std::vector<std::pair<uint32_t, uint32_t>>& note_counts, int worker) {
    auto note = notes.begin();
    auto move_notes = [&](size_t i) {
        const auto [cell, identity] = note_counts[i];
        batch_.notes.insert(batch_.notes.end(), std::make_move_iterator(note), std::make_move_iterator(note + cell));
        note += cell;
        identity_notes_.insert(identity_notes_.end(), std::make_move_iterator(note), std::make_move_iterator(note + identity));
        note += identity;
    };
    if (batch_.returns.empty() && returns.size() <= size_) {
        // The usual case on one thread (a stretch is a batch): the returns taken whole.
        batch_.returns = std::move(returns);
        own(worker, batch_.returns.size());
        for (size_t i = 0; i < note_counts.size(); ++i) move_notes(i);
        total_ += batch_.returns.size();
        if (batch_.returns.size() >= size_) hand_over();
        return;
    }
    for (size_t i = 0; i < returns.size(); ++i) {
        move_notes(i);
        add(std::move(returns[i]), worker);
    }
}

void ReturnBatches::own(int worker, size_t n) {
    if (!owners_.empty() && owners_.back().first == worker) owners_.back().second += n;
    else owners_.emplace_back(worker, n);
}

void ReturnBatches::hand_over() {
    batch_.notes.insert(batch_.notes.end(), std::make_move_iterator(identity_notes_.begin()),
                        std::make_move_iterator(identity_notes_.end()));
    identity_notes_.clear();
    sink_(batch_);
    size_t owned = 0;
    for (const auto& run : owners_) owned += run.second;
    if (spent_ && owned == batch_.returns.size()) {  // the sink left them all
        if (owners_.size() == 1) {
            spent_(owners_.front().first, std::move(batch_.returns));
        } else {
            auto at = batch_.returns.begin();
            for (const auto& [worker, n] : owners_) {
                const auto end = at + static_cast<std::ptrdiff_t>(n);
                spent_(worker, std::vector<SupplierReturn>(std::make_move_iterator(at), std::make_move_iterator(end)));
                at = end;
            }
        }
    }
    owners_.clear();
    batch_.returns.clear();
    batch_.notes.clear();
}

}  // namespace fairgate::importers
