//! Asking the running stack: does nginx answer, does it serve the ACME challenge
//! folder, which certificate does it present over TLS.

mod challenge;
mod http;
mod tls;

pub use challenge::{
    ChallengeCause, ChallengeCheck, ChallengeOutcome, ChallengeTarget, challenge_cause,
    challenge_self_test,
};
pub use http::{HttpResponse, http_get, wait_until_answering};
pub use tls::{PresentedChain, fetch_presented_chain};
